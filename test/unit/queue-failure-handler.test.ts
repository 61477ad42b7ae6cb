import { JobQueue, queueFailureHandler } from "../../src/jobs/queue";
import { createLogger } from "../../src/logger";

describe("queueFailureHandler", () => {
  it("lets a process live through pg-boss's statements failing unawaited, and nothing else", async () => {
    // A database that cannot be reached: nothing listens on port 1.
    const queue = new JobQueue({ url: "postgres://postgres@127.0.0.1:1/none", schema: "q_unreachable", logger: createLogger("silent") });
    const failure = await queue.boss
      .getDb()
      .executeSql("SELECT 1", [])
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toMatchObject({ code: "ECONNREFUSED" });
    const handler = queueFailureHandler(createLogger("silent"));
    expect(() => handler(failure)).not.toThrow();
    const other = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    expect(() => handler(other)).toThrow(other);
    expect(() => handler(undefined)).toThrow();
    await queue.stop();
  });
});
