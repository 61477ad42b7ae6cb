import { createPubSub } from "@graphql-yoga/subscription";
import { Pool } from "pg";
import { NotificationListener } from "./notification-listener";
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
 * delivers it locally once. Listening survives a restart of PostgreSQL (NotificationListener); events are sent
 * through a pool of one connection, which replaces a lost connection by itself and keeps them in order, and which
 * does not depend on the listening connection being up.
 */
export async function createPostgresPubSub(url: string, schema: string, logger: Logger): Promise<PubSub> {
  const channel = eventChannel(schema);
  const applicationName = `conflux events ${schema}`;
  const local = createPubSub<Record<string, [unknown]>>();
  const listener = new NotificationListener({
    url,
    channel,
    applicationName,
    logger,
    onNotification(payload) {
      try {
        const { topic, payload: event } = JSON.parse(payload || "{}");
        local.publish(topic, event);
      } catch (error) {
        logger.warn({ err: error }, "ignoring malformed event notification");
      }
    },
  });
  await listener.start();
  const sender = new Pool({ connectionString: url, max: 1, application_name: applicationName });
  sender.on("error", (err) => logger.warn({ err }, "event sender connection lost"));
  return {
    publish(topic, payload) {
      sender
        .query(`SELECT pg_notify($1, $2)`, [channel, JSON.stringify({ topic, payload })])
        .catch((err) => logger.error({ err, topic }, "could not publish event"));
    },
    subscribe: (topic) => local.subscribe(topic),
    async close() {
      await Promise.all([listener.close(), sender.end()]);
    },
  };
}
