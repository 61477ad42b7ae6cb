/**
 * Offset paging that neither skips nor loses members while the list changes underneath it.
 *
 * Members are listed oldest change first (`sort_field=last_changed&sort_dir=ASC`). A member that changes while
 * we page moves to the end, where we meet it again; but everything after its old place shifts one to the left,
 * so a plain `offset += count` would skip a member per change. Each request therefore starts `tail.length`
 * members early and resumes right after the last member of the previous page it finds again (the anchor). If no
 * anchor is in sight (more shifts than the overlap, or every anchor itself changed) it steps back one page at a
 * time, each window overlapping the one before, down to offset 0 at worst: members seen twice are harmless, the
 * diff drops them. An anchor is a member AT a version (`keyOf`: id and last_changed): a member that changed since it
 * was read is not where we left it, even when it is still the last one listed, so it is read again.
 */

export interface PagerPosition {
  /** Members consumed so far in this listing. */
  offset: number;
  /** Keys (`keyOf`) of the last members consumed, oldest first. */
  tail: string[];
}

export interface ListedPage<M> {
  members: M[];
  /** Members matching the listing's filters at the time of the call. */
  totalItems: number;
}

export interface PagerStep<M> {
  /** Members not consumed before (in listing order). */
  fresh: M[];
  position: PagerPosition;
  done: boolean;
}

export const ANCHOR_COUNT = 20;

export async function* pageAnchored<M extends { id: string }>(
  fetchPage: (offset: number, count: number) => Promise<ListedPage<M>>,
  start: PagerPosition,
  pageSize: number,
  keyOf: (member: M) => string = (member) => member.id,
): AsyncGenerator<PagerStep<M>> {
  let { offset, tail } = start;
  for (;;) {
    let back = tail.length;
    let from: number;
    let page: ListedPage<M>;
    let anchor: number;
    for (;;) {
      from = Math.max(0, offset - back);
      page = await fetchPage(from, pageSize);
      anchor = lastIndexOfAny(page.members, tail, keyOf);
      // Found, or nothing earlier to look at: at offset 0 every member is taken again.
      if (anchor >= 0 || from === 0 || tail.length === 0) break;
      // The next window ends where this one began (plus the anchors), so no stretch of the list goes unsearched.
      back += Math.max(1, pageSize - tail.length);
    }
    const fresh = page.members.slice(anchor + 1);
    offset = from + page.members.length;
    if (page.members.length) tail = page.members.slice(-ANCHOR_COUNT).map(keyOf);
    // A short page ends the listing, and so does reaching the total it reported: a list of exactly n pages needs
    // no empty request after them. Members added after that call are newer than the ones read: the next
    // incremental read takes them.
    const done = page.members.length < pageSize || offset >= page.totalItems;
    yield { fresh, position: { offset, tail }, done };
    if (done) return;
  }
}

function lastIndexOfAny<M>(members: M[], keys: string[], keyOf: (member: M) => string): number {
  if (!keys.length) return -1;
  const wanted = new Set(keys);
  for (let i = members.length - 1; i >= 0; i--) if (wanted.has(keyOf(members[i]))) return i;
  return -1;
}
