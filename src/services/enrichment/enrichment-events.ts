import { Repeater } from "@graphql-yoga/subscription";
import { PubSub, topicReader, Topics } from "../../events/pubsub";

/** Where a transaction stands: what progress and completion events carry, and what a subscriber receives. */
export interface EnrichmentProgress {
  accountId: string;
  erid: string;
  status: "inexistent" | "incomplete" | "completed";
  numberOfRecords: number;
  received: number;
  enriched: number;
  notFound: number;
  failed: number;
}

/** Progress events a process publishes per transaction at most this often (the latest state always goes out). */
const PUBLISH_EVERY_MS = 250;
/** …and a subscriber receives at most this often, whichever processes publish. */
export const DELIVER_EVERY_MS = 500;

/**
 * Publishes transaction progress and completion through the PubSub (LISTEN/NOTIFY on PostgreSQL, so a worker's
 * events reach subscribers on every server). Progress is throttled per transaction with a trailing publish, so
 * the last state is never held back; completion is published at once, exactly by the write that completed it.
 */
export class EnrichmentEvents {
  private readonly lastAt = new Map<string, number>();
  private readonly waiting = new Map<string, { progress: EnrichmentProgress; timer: NodeJS.Timeout }>();

  constructor(private readonly pubsub: PubSub) {}

  progress(progress: EnrichmentProgress): void {
    const key = `${progress.accountId}|${progress.erid}`;
    const pending = this.waiting.get(key);
    if (pending) {
      pending.progress = progress;
      return;
    }
    const wait = (this.lastAt.get(key) ?? 0) + PUBLISH_EVERY_MS - Date.now();
    if (wait <= 0) return this.publish(key, progress);
    const timer = setTimeout(() => {
      const latest = this.waiting.get(key);
      this.waiting.delete(key);
      if (latest) this.publish(key, latest.progress);
    }, wait);
    timer.unref();
    this.waiting.set(key, { progress, timer });
  }

  completed(progress: EnrichmentProgress): void {
    const key = `${progress.accountId}|${progress.erid}`;
    const pending = this.waiting.get(key);
    if (pending) clearTimeout(pending.timer);
    this.waiting.delete(key);
    this.publish(key, progress);
    this.lastAt.delete(key);
    this.pubsub.publish(Topics.ENRICHMENT_COMPLETED, progress);
  }

  private publish(key: string, progress: EnrichmentProgress): void {
    this.lastAt.set(key, Date.now());
    this.pubsub.publish(Topics.ENRICHMENT_PROGRESS, progress);
  }

  /**
   * One transaction's progress for one subscriber: the current state first, then the newest state at most every
   * DELIVER_EVERY_MS, ending after `completed`. `current` is read after subscribing so no event falls in between.
   */
  watchProgress(accountId: string, erid: string, current: () => Promise<EnrichmentProgress>): AsyncIterableIterator<EnrichmentProgress> {
    return this.watch(Topics.ENRICHMENT_PROGRESS, accountId, erid, current, (push) => {
      let latest: EnrichmentProgress | undefined;
      let sentAt = 0;
      let timer: NodeJS.Timeout | undefined;
      const flush = () => {
        timer = undefined;
        if (latest) push(latest);
        latest = undefined;
        sentAt = Date.now();
      };
      return {
        deliver(progress) {
          latest = progress;
          if (progress.status === "completed") return flush(), true;
          if (!timer) timer = setTimeout(flush, Math.max(0, sentAt + DELIVER_EVERY_MS - Date.now()));
          return false;
        },
        stop: () => timer && clearTimeout(timer),
        sendsCurrent: true,
      };
    });
  }

  /** Exactly one event: the transaction's state when it completes (at once when it already has). */
  watchCompleted(accountId: string, erid: string, current: () => Promise<EnrichmentProgress>): AsyncIterableIterator<EnrichmentProgress> {
    return this.watch(Topics.ENRICHMENT_COMPLETED, accountId, erid, current, (push) => ({
      deliver: (progress) => (push(progress), true),
      stop: () => undefined,
      sendsCurrent: false,
    }));
  }

  private watch(
    topic: string,
    accountId: string,
    erid: string,
    current: () => Promise<EnrichmentProgress>,
    sink: (push: (p: EnrichmentProgress) => void) => { deliver(p: EnrichmentProgress): boolean; stop(): void; sendsCurrent: boolean },
  ): AsyncIterableIterator<EnrichmentProgress> {
    return new Repeater<EnrichmentProgress>(async (push, stop) => {
      const next = topicReader(this.pubsub, topic, stop);
      const out = sink((p) => void push(p));
      void stop.then(() => out.stop());
      const now = await current();
      if (now.status === "completed") {
        await push(now);
        return stop();
      }
      if (out.sendsCurrent) await push(now);
      for (let p = (await next()) as EnrichmentProgress | undefined; p; p = (await next()) as EnrichmentProgress | undefined) {
        if (p.accountId === accountId && p.erid === erid && out.deliver(p)) return stop();
      }
    }) as unknown as AsyncIterableIterator<EnrichmentProgress>;
  }
}
