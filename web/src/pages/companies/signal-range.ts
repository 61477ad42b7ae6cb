import type { CompanyDetailQuery } from "../../generated/graphql";

/** A range of whole days (UTC), both ends included, as `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
}

const DAY = 86_400_000;
export const MAX_RANGE_DAYS = 731;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The last `days` days, today included. */
export function lastDays(days: number, now = Date.now()): DayRange {
  return { from: isoDay(now - (days - 1) * DAY), to: isoDay(now) };
}

/** What is wrong with a range, or null. */
export function rangeError(range: DayRange): string | null {
  const from = dayMs(range.from);
  const to = dayMs(range.to);
  if (Number.isNaN(from) || Number.isNaN(to)) return "Choose both days.";
  if (from > to) return "The first day must not be after the last.";
  if ((to - from) / DAY + 1 > MAX_RANGE_DAYS) return `At most ${MAX_RANGE_DAYS} days.`;
  return null;
}

/** The API's half-open interval for the range: from its first day's start to the day after its last. */
export function rangeVariables(range: DayRange): { from: string; to: string } {
  return { from: new Date(dayMs(range.from)).toISOString(), to: new Date(dayMs(range.to) + DAY).toISOString() };
}

export type SignalPoint = { t: number; visits: number; clicks: number; contacts: number; formSubmissions: number; chats: number; custom: number };

/** One point per day of the range, days without signals at 0, custom signals summed. */
export function dailyPoints(signals: CompanyDetailQuery["company"]["signals"], range: DayRange): SignalPoint[] {
  const byDay = new Map(signals.map((s) => [s.day, s]));
  const points: SignalPoint[] = [];
  for (let t = dayMs(range.from), end = dayMs(range.to); t <= end; t += DAY) {
    const s = byDay.get(isoDay(t));
    const extra = (s?.extra ?? {}) as Record<string, number>;
    points.push({
      t,
      visits: s?.visits ?? 0,
      clicks: s?.clicks ?? 0,
      contacts: s?.contacts ?? 0,
      formSubmissions: s?.formSubmissions ?? 0,
      chats: s?.chats ?? 0,
      custom: Object.values(extra).reduce((n, v) => n + (Number(v) || 0), 0),
    });
  }
  return points;
}
