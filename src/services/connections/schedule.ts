import { CronExpressionParser } from "cron-parser";
import { ValidationError } from "../../errors";

/** Validates a cron expression (5 or 6 fields, UTC); null/empty means manual only. */
export function parseSchedule(schedule: string | null | undefined): string | null {
  const trimmed = schedule?.trim();
  if (!trimmed) return null;
  try {
    CronExpressionParser.parse(trimmed, { tz: "UTC" });
  } catch (error) {
    throw new ValidationError(`schedule: invalid cron expression (${(error as Error).message})`, { field: "schedule" });
  }
  return trimmed;
}

/** The first instant the schedule fires strictly after `after`. */
export function nextFireAfter(schedule: string, after: Date): Date {
  return CronExpressionParser.parse(schedule, { currentDate: after, tz: "UTC" }).next().toDate();
}
