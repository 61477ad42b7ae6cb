import { createPostgresPubSub, PubSub } from "../../src/events/pubsub";
import { createLogger } from "../../src/logger";
import { usesPostgres } from "../helpers/test-conflux";

const url = process.env.DATABASE_URL!;
const logger = createLogger("silent");

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
});
