import { firstSlotFrom, missedSlots, slotAt } from "../../src/services/influencers/slots";

const I = 60_000;

describe("influencer slots", () => {
  it("places a time in the slot that starts at or before it, at the influencer's offset", () => {
    expect(slotAt(120_000 + 1_500, I, 1_500)).toBe(121_500);
    expect(slotAt(121_499, I, 1_500)).toBe(61_500);
    expect(slotAt(121_500 + 59_999, I, 1_500)).toBe(121_500);
  });

  it("finds the first slot starting at or after a shard's progress", () => {
    expect(firstSlotFrom(121_500, I, 1_500)).toBe(121_500); // a slot starting exactly there was not dispatched
    expect(firstSlotFrom(121_501, I, 1_500)).toBe(181_500);
    expect(firstSlotFrom(61_499, I, 1_500)).toBe(61_500);
  });

  it("lists the slots a late poller missed, oldest first, bounded", () => {
    expect(missedSlots(61_500, 241_500, I)).toEqual([61_500, 121_500, 181_500]);
    expect(missedSlots(241_500, 241_500, I)).toEqual([]);
    expect(missedSlots(0, 10_000 * I, I, 5)).toHaveLength(5);
  });
});
