import { z } from "zod";
import type { ProviderLimits } from "../contract";

/**
 * The call limits every provider's config carries, with the provider's own defaults: a vendor's documented batch
 * size and rate, what a contact costs on the account's plan, and how long an answer may be reused.
 */
export function providerLimitsSchema(defaults: ProviderLimits) {
  return {
    batchSize: z.number().int().min(1).max(10_000).default(defaults.batchSize),
    ratePerSecond: z.number().positive().max(10_000).default(defaults.ratePerSecond),
    concurrency: z.number().int().min(1).max(256).default(defaults.concurrency),
    costPerRecord: z.number().min(0).default(defaults.costPerRecord),
    cacheTtlSeconds: z.number().int().min(0).default(defaults.cacheTtlSeconds),
  };
}

export function limitsOf(config: ProviderLimits): ProviderLimits {
  const { batchSize, ratePerSecond, concurrency, costPerRecord, cacheTtlSeconds } = config;
  return { batchSize, ratePerSecond, concurrency, costPerRecord, cacheTtlSeconds };
}

/** Thirty days: long enough that re-submitted contacts are free, short enough that job changes are seen. */
export const VENDOR_CACHE_TTL_SECONDS = 30 * 86_400;

/** Contacts one request may carry; larger transactions arrive in several requests under one erid. */
export const MAX_CONTACTS_PER_REQUEST = 10_000;
