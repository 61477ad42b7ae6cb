import { createPostgresPubSub, PubSub } from "../../src/events/pubsub";
import { createLogger } from "../../src/logger";
import { Client } from "pg";
import { eventually, usesPostgres } from "../helpers/test-conflux";

const url = process.env.DATABASE_URL!;
const logger = createLogger("silent");

/** Terminates every connection of the schema's events (as a restart or failover of PostgreSQL would). */
async function dropEventConnections(schema: string): Promise<number> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      `SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1) t`,
      [`conflux events ${schema}`],
    );
    return rows[0].n;
  } finally {
    await admin.end();
  }
}

/** The next event of a topic, or "none" when nothing came within the wait. */
async function nextWithin(pubsub: PubSub, topic: string, ms: number): Promise<unknown> {
  const events = pubsub.subscribe(topic)[Symbol.asyncIterator]();
  const timer = new Promise((resolve) => setTimeout(() => resolve("none"), ms));
  const first = await Promise.race([events.next().then((r) => r.value), timer]);
  await events.return?.();
  return first;
}

(usesPostgres ? describe : describe.skip)("events over LISTEN/NOTIFY", () => {
  const opened: PubSub[] = [];
  afterAll(() => Promise.all(opened.map((p) => p.close())));
  const open = async (schema: string) => {
    const pubsub = await createPostgresPubSub(url, schema, logger);
    opened.push(pubsub);
    return pubsub;
  };

  it("reach every process of the same schema and none of another schema in the same database", async () => {
    const [publisher, sameSchema, otherSchema] = [await open("t_events_a"), await open("t_events_a"), await open("t_events_b")];
    const heardSame = nextWithin(sameSchema, "T", 5_000);
    const heardOther = nextWithin(otherSchema, "T", 1_500);
    const heardSelf = nextWithin(publisher, "T", 5_000);
    await new Promise((r) => setImmediate(r));
    publisher.publish("T", { accountId: "a", n: 1 });
    expect(await heardSame).toEqual({ accountId: "a", n: 1 });
    expect(await heardSelf).toEqual({ accountId: "a", n: 1 });
    expect(await heardOther).toBe("none");
  });

  it("keep flowing after PostgreSQL drops the connections that listen and send", async () => {
    const [publisher, subscriber] = [await open("t_events_c"), await open("t_events_c")];
    const heard = nextWithin(subscriber, "T", 5_000);
    await new Promise((r) => setImmediate(r));
    publisher.publish("T", { n: 1 });
    expect(await heard).toEqual({ n: 1 });

    // Both listeners, and the publisher's sending connection unless its pool has closed it as idle.
    expect(await dropEventConnections("t_events_c")).toBeGreaterThanOrEqual(2);
    // They come back by themselves; what is published while they are away is lost, as NOTIFY to no listener is.
    await eventually(async () => {
      const next = nextWithin(subscriber, "T", 300);
      await new Promise((r) => setImmediate(r));
      publisher.publish("T", { n: 2 });
      return (await next) !== "none";
    }, 15_000, 0);
  });
});
