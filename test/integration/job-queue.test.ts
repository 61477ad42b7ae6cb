import crypto from "node:crypto";
import { Client } from "pg";
import { startTestConflux, TestConflux, usesPostgres } from "../helpers/test-conflux";
import { JobQueue, Queues } from "../../src/jobs/queue";
import { createLogger } from "../../src/logger";
import { dropSchemas } from "../../src/db/database";

let t: TestConflux;
const schemas: string[] = [];
beforeAll(async () => {
  t = await startTestConflux({ http: false });
});
afterAll(async () => {
  await t.close();
  if (usesPostgres) await dropSchemas(process.env.DATABASE_URL!, schemas);
});

function newQueue(): JobQueue {
  const schema = `q_${crypto.randomBytes(6).toString("hex")}`;
  schemas.push(schema);
  const { db } = t.conflux;
  return new JobQueue({ url: db.url, pool: db.isEmbedded ? db.sharedPool() : undefined, schema, logger: createLogger("silent") });
}

async function jobState(queue: JobQueue, id: string): Promise<string | undefined> {
  // Read with a connection of its own on PostgreSQL: the queue's pool is closed by then.
  if (!usesPostgres) return (await queue.boss.getJobById(Queues.CONNECTION_SYNC, id))?.state;
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT state FROM ${schemas[schemas.length - 1]}.job WHERE id = $1`, [id]);
    return rows[0]?.state;
  } finally {
    await client.end();
  }
}

describe("job queue", () => {
  it("stopping while a worker's fetch is in flight lets the fetched job finish, and only then closes the pool", async () => {
    const queue = newQueue();
    await queue.start();
    const id = (await queue.send(Queues.CONNECTION_SYNC, { n: 1 }))!;
    const handled: string[] = [];
    await queue.work(Queues.CONNECTION_SYNC, { pollingIntervalSeconds: 1 }, async (jobs) => {
      handled.push(...jobs.map((job) => job.id));
    });
    // The worker's first fetch has been sent and not answered yet, so pg-boss sees no job in progress and would
    // close the pool at once: the job's completion then failed on the closed pool and left it active for an hour.
    await queue.stop();
    expect(handled).toEqual([id]);
    expect(await jobState(queue, id)).toBe("completed");
  });
});
