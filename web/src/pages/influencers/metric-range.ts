import type { MetricInterval } from "../../generated/graphql";

/** The time range an influencer's chart shows, and the bucket size it is read in. */
export interface MetricRange {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  interval: MetricInterval;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const PRESETS = [
  { id: "1h", label: "Last hour", span: HOUR },
  { id: "24h", label: "Last 24 hours", span: DAY },
  { id: "7d", label: "Last 7 days", span: 7 * DAY },
  { id: "30d", label: "Last 30 days", span: 30 * DAY },
] as const;

export type PresetId = (typeof PRESETS)[number]["id"];

/** The longest range the API serves at all (DAY buckets, 3,700 days). */
export const MAX_SPAN = 3700 * DAY;

/**
 * The bucket size for a range: small enough to show its shape, coarse enough to stay a few hundred points, and
 * always within what the API serves for that size (MINUTE up to 7 days, HOUR up to 400, DAY up to 3,700).
 */
export function intervalFor(spanMs: number): MetricInterval {
  if (spanMs <= 6 * HOUR) return "MINUTE";
  if (spanMs <= 16 * DAY) return "HOUR";
  return "DAY";
}

/** A preset ending with the minute that holds `now` (so a reading stamped now is in it), in whole minutes. */
export function presetRange(id: PresetId, now: number): MetricRange {
  const span = PRESETS.find((p) => p.id === id)!.span;
  const to = Math.floor(now / MINUTE) * MINUTE + MINUTE;
  return { from: to - span, to, interval: intervalFor(span) };
}

/** A custom range, or why it cannot be shown. */
export function customRange(fromText: string, toText: string): MetricRange | { error: string; field: "from" | "to" } {
  const from = parseUtc(fromText);
  const to = parseUtc(toText);
  if (from === null) return { error: "Enter a start time.", field: "from" };
  if (to === null) return { error: "Enter an end time.", field: "to" };
  if (to <= from) return { error: "The end must be after the start.", field: "to" };
  if (to - from > MAX_SPAN) return { error: "A range spans at most 3,700 days.", field: "to" };
  return { from, to, interval: intervalFor(to - from) };
}

/** A datetime-local value ("2026-03-02T10:00"), read as UTC as every time in the console is shown. */
export function parseUtc(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) return null;
  const ms = Date.parse(`${text.length === 16 ? `${text}:00` : text}Z`);
  return Number.isNaN(ms) ? null : ms;
}

/** Epoch ms as a datetime-local value in UTC, to the minute. */
export function toUtcInput(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}

export const INTERVAL_LABEL: Record<MetricInterval, string> = { MINUTE: "per minute", HOUR: "per hour", DAY: "per day" };
