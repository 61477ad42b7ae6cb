import type { IdentifiedEvent } from "./web-event-archive";
import { SIGNAL_OF_TYPE } from "./web-event";

const DAY_MS = 86_400_000;

/** One (company, UTC day) of a batch: its counts per signal column, custom signals in `extra`. Day: days since 1970-01-01. */
export interface SignalCount {
  company_id: string;
  day: number;
  visits?: number;
  clicks?: number;
  contacts?: number;
  form_submissions?: number;
  chats?: number;
  extra?: Record<string, number>;
}

/** What a batch of stored events adds up to: what the counting statement writes, and what ingestion reports. */
export interface EventTally {
  signals: SignalCount[];
  /** Events of no company that no rule dropped, by day and reason (free-mail, unknown). */
  unknown: { day: number; reason: string; events: number }[];
  /** Events each noise rule dropped. */
  hits: { rule: string; n: number }[];
  identified: number;
  dropped: number;
}

/**
 * Counts a batch of events that were all just stored (the archive wrote each of them), in this process: the batch
 * statement then receives a row per (company, day) instead of a row per event to group.
 */
export function tallyOf(events: IdentifiedEvent[]): EventTally {
  const signals = new Map<string, SignalCount>();
  const unknown = new Map<string, { day: number; reason: string; events: number }>();
  const hits = new Map<string, number>();
  let identified = 0;
  for (const { event, companyId, identifiedBy, noiseRuleId } of events) {
    const day = Math.floor(event.at / DAY_MS);
    if (noiseRuleId) {
      hits.set(noiseRuleId, (hits.get(noiseRuleId) ?? 0) + 1);
    } else if (companyId) {
      identified++;
      const key = `${companyId}/${day}`;
      let row = signals.get(key);
      if (!row) signals.set(key, (row = { company_id: companyId, day }));
      if (Object.hasOwn(SIGNAL_OF_TYPE, event.type)) {
        const column = SIGNAL_OF_TYPE[event.type] as Exclude<keyof SignalCount, "company_id" | "day" | "extra">;
        row[column] = (row[column] ?? 0) + 1;
      } else {
        // No prototype: a custom signal may be called "constructor".
        const extra = (row.extra ??= Object.create(null) as Record<string, number>);
        extra[event.type] = (extra[event.type] ?? 0) + 1;
      }
    } else {
      const key = `${day}/${identifiedBy}`;
      const row = unknown.get(key);
      if (row) row.events++;
      else unknown.set(key, { day, reason: identifiedBy, events: 1 });
    }
  }
  let dropped = 0;
  for (const n of hits.values()) dropped += n;
  return {
    signals: [...signals.values()],
    unknown: [...unknown.values()],
    hits: [...hits].map(([rule, n]) => ({ rule, n })),
    identified,
    dropped,
  };
}
