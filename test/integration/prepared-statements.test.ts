import { startTestConflux, TestConflux } from "../helpers/test-conflux";
import { AccountScope } from "../../src/db/account-scope";

let t: TestConflux;
beforeAll(async () => {
  t = await startTestConflux({ http: false });
});
afterAll(() => t.close());

describe("named prepared statements", () => {
  it("still run after the pool replaces the connection that prepared them", async () => {
    const scope = AccountScope.of(t.conflux.services.dataSource, t.defaultAccountId);
    const read = () => scope.prepared<{ account: string; n: number }>("prepared-test", `SELECT $1::text AS account, $2::int AS n`, [7]);
    expect(await read()).toEqual([{ account: t.defaultAccountId, n: 7 }]);

    // Closed as an idle timeout or a broken socket would close it. On the embedded database the next connection
    // joins the same session, where the statement's name is still taken.
    const pool = t.conflux.db.sharedPool();
    for (let i = 0; i < 3; i++) {
      const client = await pool.connect();
      client.release(true);
      expect(await read()).toEqual([{ account: t.defaultAccountId, n: 7 }]);
    }
  });
});
