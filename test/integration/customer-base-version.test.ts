import { AccountScope } from "../../src/db/account-scope";
import type { ActivityAttributes } from "../../src/services/customers/activity-item";
import { startTestConflux, TestConflux } from "../helpers/test-conflux";

/**
 * A customer created whole by a synced version keeps that version's (timestamp, arrival) once, as its base,
 * instead of a row per attribute. The merge rules must not notice: latest timestamp wins per attribute, a later
 * arrival wins a tie, a removal is never revived by an older value — whether the customer began as a base
 * version or as folded activity, and after a rebuild.
 */

let t: TestConflux;

beforeAll(async () => {
  t = await startTestConflux();
}, 60_000);

afterAll(async () => {
  await t?.close();
});

async function newScope(name: string): Promise<AccountScope> {
  const { accounts, dataSource } = t.conflux.services;
  return AccountScope.of(dataSource, (await accounts.createAccount(name)).id);
}

let seq = 0;
function version(userId: string, timestamp: number, data: Record<string, string | null>): ActivityAttributes {
  return { kind: "attributes", eventId: `v${++seq}`, userId, data, timestamp };
}

async function attributesOf(scope: AccountScope): Promise<Record<string, Record<string, string>>> {
  const rows = await scope.query<{ id: string; attributes: Record<string, string> }>(
    `SELECT id, attributes FROM customer WHERE account_id = $1 ORDER BY id`,
  );
  return Object.fromEntries(rows.map((r) => [r.id, r.attributes]));
}

async function attributeRows(scope: AccountScope): Promise<number> {
  const [row] = await scope.query<{ n: number }>(`SELECT count(*)::int AS n FROM customer_attribute WHERE account_id = $1`);
  return row.n;
}

describe("customers created by a synced version", () => {
  it("store one base version, and later and earlier changes merge against it exactly", async () => {
    const { activity } = t.conflux.services;
    const scope = await newScope("base-version");
    await activity.applyAttributes(scope, [version("m1", 1000, { email: "a@x.io", firstname: "Ann", status: "subscribed", plan: null })]);
    expect(await attributesOf(scope)).toEqual({ m1: { email: "a@x.io", firstname: "Ann", status: "subscribed" } });
    expect(await attributeRows(scope)).toBe(1); // only the tombstone of `plan`

    const track = (items: ActivityAttributes[]) =>
      activity.track(scope, items.map((i) => ({ id: i.eventId, type: "attributes", user_id: i.userId, data: i.data, timestamp: i.timestamp })));
    await track([version("m1", 900, { email: "old@x.io", plan: "free", nickname: "annie" })]);
    expect(await attributesOf(scope)).toEqual({ m1: { email: "a@x.io", firstname: "Ann", status: "subscribed", nickname: "annie" } });

    await track([version("m1", 1000, { firstname: "Anne" })]); // a tie: the later arrival wins
    await track([version("m1", 1100, { status: null })]);
    await track([version("m1", 1050, { status: "cleaned" })]); // older than the removal
    const expected = { m1: { email: "a@x.io", firstname: "Anne", nickname: "annie" } };
    expect(await attributesOf(scope)).toEqual(expected);

    await activity.applyAttributes(scope, [version("m1", 1200, { email: "b@x.io", firstname: "Anne", status: "pending", plan: null })]);
    const afterSync = { m1: { email: "b@x.io", firstname: "Anne", nickname: "annie", status: "pending" } };
    expect(await attributesOf(scope)).toEqual(afterSync);

    await activity.rebuild(scope);
    expect(await attributesOf(scope)).toEqual(afterSync);
  });

  it("agree with the general fold on any interleaving of versions and changes", async () => {
    const { activity } = t.conflux.services;
    const direct = await newScope("base-direct");
    const folded = await newScope("base-folded");
    const keys = ["email", "firstname", "lastname", "status"];
    let rand = 42;
    const next = (n: number) => ((rand = (rand * 1103515245 + 12345) % 2147483648), rand % n);
    const valueOf = (): string | null => (next(5) === 0 ? null : `v${next(4)}`);
    const users = Array.from({ length: 40 }, (_, i) => `u${i}`);

    for (let round = 0; round < 12; round++) {
      // A synced page: one whole version per customer (new ones take the direct write in `direct`)...
      const page = users
        .filter(() => next(2) === 0)
        .map((u) => version(u, 1000 + next(20), Object.fromEntries(keys.map((k) => [k, valueOf()]))));
      // ...and pushed changes, some older than what is stored, some tied with it.
      const pushes = users
        .filter(() => next(3) === 0)
        .map((u) => version(u, 1000 + next(20), { [keys[next(4)]]: valueOf(), extra: valueOf() }));
      for (const batch of [page, pushes]) {
        if (!batch.length) continue;
        const objects = batch.map((i) => ({ id: i.eventId, type: "attributes", user_id: i.userId, data: i.data, timestamp: i.timestamp }));
        if (batch === page) await activity.applyAttributes(direct, batch);
        else await activity.track(direct, objects);
        await activity.track(folded, objects);
      }
      // The first page's customers are base versions: fewer attribute rows than the fold keeps.
      if (round === 0) expect(await attributeRows(direct)).toBeLessThan(await attributeRows(folded));
    }
    const expected = await attributesOf(folded);
    expect(Object.keys(expected).length).toBeGreaterThan(30);
    expect(await attributesOf(direct)).toEqual(expected);
    await activity.rebuild(direct);
    expect(await attributesOf(direct)).toEqual(expected);
  });
});
