/**
 * Slot arithmetic of influencer polling. An influencer on an interval of I ms with offset o (0 ≤ o < I) is due
 * once per slot, at the times k·I + o: offsets spread by pk hash, so a million influencers on one interval fall
 * due evenly across it rather than all at :00.
 */

/** The start of the slot containing `atMs`. */
export function slotAt(atMs: number, intervalMs: number, offsetMs: number): number {
  return Math.floor((atMs - offsetMs) / intervalMs) * intervalMs + offsetMs;
}

/** Slots strictly before `currentSlot`, from `dueSlot` on: the ones a late dispatch has missed. */
export function missedSlots(dueSlot: number, currentSlot: number, intervalMs: number, max = 1440): number[] {
  const out: number[] = [];
  for (let s = dueSlot; s < currentSlot && out.length < max; s += intervalMs) out.push(s);
  return out;
}

/** The first slot starting at or after `atMs`. */
export function firstSlotFrom(atMs: number, intervalMs: number, offsetMs: number): number {
  const slot = slotAt(atMs, intervalMs, offsetMs);
  return slot === atMs ? slot : slot + intervalMs;
}
