import type { AccountScope } from "../../db/account-scope";
import type { EnrichmentAnswer, EnrichmentInput } from "../../connectors/contract";
import { inputKey } from "../../connectors/enrichment/contact";
import { HttpError } from "../../connectors/http-client";
import { isNetworkError } from "../../network-errors";
import type { AnswerCache } from "./answer-cache";
import type { Provider } from "./providers";

/** A record on its way through the waterfall. */
export interface WorkItem {
  id: string;
  input: EnrichmentInput;
  key: string;
  /** Requested fields filled so far. */
  output: Record<string, string>;
  /** Which provider (connection name) filled each field. */
  providers: Record<string, string>;
  errors: string[];
}

function isTransient(error: unknown): boolean {
  return error instanceof HttpError ? error.isRetryable : isNetworkError(error);
}

export function workItem(id: string, input: EnrichmentInput): WorkItem {
  return { id, input, key: inputKey(input), output: {}, providers: {}, errors: [] };
}

export interface WaterfallStats {
  vendorCalls: number;
  cacheHits: number;
}

/** A provider failed and the batch has attempts left: the queue retries it later (answers so far are cached). */
export class ProviderUnavailableError extends Error {
  constructor(readonly failures: string[]) {
    super(`enrichment provider failed: ${failures[0]}${failures.length > 1 ? ` (and ${failures.length - 1} more)` : ""}`);
    this.name = "ProviderUnavailableError";
  }
}

export type RecordOutcome = "enriched" | "not_found" | "failed";

export function outcomeOf(item: WorkItem): RecordOutcome {
  if (Object.keys(item.output).length) return "enriched";
  return item.errors.length ? "failed" : "not_found";
}

/**
 * Asks each provider in order for the requested fields still missing, of the records it can use: a field provider
 * 1 lacked is asked of provider 2, and so on. The same contact twice in a batch is asked once, a contact answered
 * within the provider's TTL is not asked at all, and the rest go out in full batches of the provider's size.
 *
 * A failed call (after the HTTP client's own retries) leaves its records without that provider's answer. A failure
 * that may pass (rate limit, 5xx, network) hands the whole batch back to the queue to retry later, until its last
 * attempt (`final`); one that will not (a refused key, a bad request) does not wait. Either way, records go on
 * down the waterfall and end `failed` if nothing filled them.
 */
export async function runWaterfall(
  scope: AccountScope,
  providers: Provider[],
  cache: AnswerCache,
  items: WorkItem[],
  fields: readonly string[],
  final: boolean,
  stats: WaterfallStats,
): Promise<void> {
  for (const provider of providers) {
    const candidates = items.filter((item) => fields.some((f) => !(f in item.output) && provider.fields.has(f)) && provider.accepts(item.input));
    if (!candidates.length) continue;
    const inputs = new Map<string, EnrichmentInput>();
    for (const item of candidates) if (!inputs.has(item.key)) inputs.set(item.key, item.input);
    const cacheable = provider.limits.cacheTtlSeconds > 0;
    const cached = cacheable ? await cache.get(scope, provider.id, [...inputs.keys()]) : new Map<string, EnrichmentAnswer>();
    const misses = [...inputs.keys()].filter((k) => !cached.has(k));
    const fresh = new Map<string, EnrichmentAnswer>();
    const failed = new Map<string, string>();
    let retryable = false;
    const chunks: string[][] = [];
    for (let i = 0; i < misses.length; i += provider.limits.batchSize) chunks.push(misses.slice(i, i + provider.limits.batchSize));
    stats.vendorCalls += chunks.length;
    await Promise.all(
      chunks.map(async (keys) => {
        try {
          const answers = await provider.enrich(keys.map((k) => inputs.get(k)!));
          keys.forEach((k, i) => fresh.set(k, answers[i] ?? { found: false, values: {} }));
        } catch (error) {
          retryable ||= isTransient(error);
          for (const k of keys) failed.set(k, `${provider.name}: ${(error as Error).message}`);
        }
      }),
    );
    if (cacheable) await cache.put(scope, provider.id, provider.limits.cacheTtlSeconds, fresh);
    if (retryable && !final) throw new ProviderUnavailableError([...new Set(failed.values())]);
    for (const item of candidates) {
      const answer = cached.get(item.key) ?? fresh.get(item.key);
      if (cached.has(item.key)) stats.cacheHits++;
      const failure = failed.get(item.key);
      if (failure) item.errors.push(failure);
      if (!answer?.found) continue;
      for (const field of fields) {
        const value = answer.values[field];
        if (value && !(field in item.output)) {
          item.output[field] = value;
          item.providers[field] = provider.name;
        }
      }
    }
  }
}
