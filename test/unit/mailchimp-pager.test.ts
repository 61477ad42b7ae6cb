import { pageAnchored, PagerPosition } from "../../src/connectors/mailchimp/pager";

/** A list ordered like Mailchimp's `sort_field=last_changed` listing: a changed member moves to the end. */
class MovingList {
  ids: string[];
  calls = 0;
  constructor(n: number) {
    this.ids = Array.from({ length: n }, (_, i) => `m${i}`);
  }
  change(id: string) {
    this.ids = this.ids.filter((x) => x !== id).concat(id);
  }
  remove(id: string) {
    this.ids = this.ids.filter((x) => x !== id);
  }
  fetch = async (offset: number, count: number) => {
    this.calls++;
    const members = this.ids.slice(offset, offset + count).map((id) => ({ id }));
    return { members, totalItems: this.ids.length };
  };
}

async function readAll(list: MovingList, start: PagerPosition, pageSize: number, between?: (page: number) => void) {
  const seen: string[] = [];
  let page = 0;
  let position = start;
  for await (const step of pageAnchored(list.fetch, start, pageSize)) {
    seen.push(...step.fresh.map((m) => m.id));
    position = step.position;
    between?.(++page);
  }
  return { seen, position };
}

describe("anchored paging", () => {
  it("reads every member once on a still list", async () => {
    const list = new MovingList(1000);
    const { seen } = await readAll(list, { offset: 0, tail: [] }, 100);
    expect(seen).toEqual(list.ids);
  });

  it("skips no member when members before the read position change or disappear between pages", async () => {
    const list = new MovingList(1000);
    const { seen } = await readAll(list, { offset: 0, tail: [] }, 100, (page) => {
      if (page === 3) {
        for (let i = 0; i < 60; i++) list.change(`m${i * 4}`); // 60 read members move to the end
        for (let i = 0; i < 30; i++) list.remove(`m${i * 4 + 1}`);
      }
    });
    // Every member still listed was read (changed ones twice: once where they were, once at the end).
    expect(new Set(seen)).toEqual(new Set([...list.ids, ...Array.from({ length: 30 }, (_, i) => `m${i * 4 + 1}`)]));
  });

  it("resumes a later listing with a few calls when many members moved behind the saved position", async () => {
    const list = new MovingList(20_000);
    const first = await readAll(list, { offset: 0, tail: [] }, 1000);
    // 1,200 changed, spread over the list: the saved anchors now sit 1,200 places earlier, more than a page.
    const changed = Array.from({ length: 1200 }, (_, i) => `m${i * 16}`);
    for (const id of changed) list.change(id);
    list.calls = 0;
    const again = await readAll(list, first.position, 1000);
    expect(new Set(again.seen)).toEqual(new Set(changed));
    // Three windows to find the anchors, then the moved members' pages: not the 21 pages of the whole list.
    expect(list.calls).toBeLessThanOrEqual(5);
  });

  it("reads again the last member read when it changed since (anchors are versions, not ids)", async () => {
    const versions = new Map<string, number>();
    const list = new MovingList(250);
    const versioned = async (offset: number, count: number) => {
      const page = await list.fetch(offset, count);
      return { ...page, members: page.members.map((m) => ({ ...m, version: versions.get(m.id) ?? 0 })) };
    };
    const keyOf = (m: { id: string; version: number }) => `${m.id}@${m.version}`;
    let position: PagerPosition = { offset: 0, tail: [] };
    for await (const step of pageAnchored(versioned, position, 100, keyOf)) position = step.position;

    const last = list.ids[list.ids.length - 1];
    versions.set(last, 1); // changed in place: still the last member listed
    const seen: string[] = [];
    for await (const step of pageAnchored(versioned, position, 100, keyOf)) seen.push(...step.fresh.map((m) => m.id));
    expect(seen).toEqual([last]);
    // Keyed by id alone, the changed member would pass for its own anchor and nothing would be read.
    const byId: string[] = [];
    for await (const step of pageAnchored(versioned, position, 100, (m) => `${m.id}@0`)) byId.push(...step.fresh.map((m) => m.id));
    expect(byId).toEqual([]);
  });
});
