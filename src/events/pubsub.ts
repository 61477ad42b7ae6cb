import { createPubSub } from "@graphql-yoga/subscription";
import { Client } from "pg";
import type { Logger } from "../logger";

/** Events subscriptions listen to. Payloads always carry the account, so resolvers can filter by caller. */
export const Topics = {
  SYNC_RUN_UPDATED: "SYNC_RUN_UPDATED",
  ALERT_CHANGED: "ALERT_CHANGED",
  ENRICHMENT_PROGRESS: "ENRICHMENT_PROGRESS",
  ENRICHMENT_COMPLETED: "ENRICHMENT_COMPLETED",
  COMPANY_SCORES_CHANGED: "COMPANY_SCORES_CHANGED",
} as const;

export interface PubSub {
  publish(topic: string, payload: unknown): void;
  subscribe(topic: string): AsyncIterable<unknown>;
  close(): Promise<void>;
}

/**
 * Reads one topic inside a subscription's Repeater: each call resolves to the next event, or to undefined once
 * `stopped` settles (the client unsubscribed), which also ends the underlying subscription.
 */
export function topicReader(pubsub: PubSub, topic: string, stopped: Promise<unknown>): () => Promise<unknown | undefined> {
  const events = pubsub.subscribe(topic)[Symbol.asyncIterator]();
  void stopped.then(() => events.return?.());
  const end = stopped.then(() => ({ done: true as const, value: undefined }));
  return async () => {
    const next = await Promise.race([events.next(), end]);
    return next.done ? undefined : next.value;
  };
}

/** In-process events: the embedded database is one process, so nothing has to cross process boundaries. */
export function createLocalPubSub(): PubSub {
  const local = createPubSub<Record<string, [unknown]>>();
  return {
    publish: (topic, payload) => local.publish(topic, payload),
    subscribe: (topic) => local.subscribe(topic),
    close: async () => undefined,
  };
}

/**
 * The NOTIFY channel of one installation. Channels are per database, so installs side by side in one database
 * (one schema each: test files, benchmarks) each get their own rather than hearing every other's events.
 */
export function eventChannel(schema: string): string {
  return schema === "public" ? "conflux_events" : `conflux_events_${schema}`;
}

/**
 * PostgreSQL LISTEN/NOTIFY, so an event raised by a worker process reaches subscribers on any server process
 * of the same installation (schema). Every process, the publisher included, receives its own NOTIFY and
 * delivers it locally once.
 */
export async function createPostgresPubSub(url: string, schema: string, logger: Logger): Promise<PubSub> {
  const channel = eventChannel(schema);
  const local = createPubSub<Record<string, [unknown]>>();
  const listener = new Client({ connectionString: url });
  await listener.connect();
  // Schema names are checked identifiers (config), so the channel is one too; quoted to keep its case.
  await listener.query(`LISTEN "${channel}"`);
  listener.on("notification", (msg) => {
    try {
      const { topic, payload } = JSON.parse(msg.payload ?? "{}");
      local.publish(topic, payload);
    } catch (error) {
      logger.warn({ err: error }, "ignoring malformed event notification");
    }
  });
  listener.on("error", (err) => logger.error({ err }, "event listener connection failed"));
  return {
    publish(topic, payload) {
      listener
        .query(`SELECT pg_notify($1, $2)`, [channel, JSON.stringify({ topic, payload })])
        .catch((err) => logger.error({ err, topic }, "could not publish event"));
    },
    subscribe: (topic) => local.subscribe(topic),
    close: () => listener.end(),
  };
}
