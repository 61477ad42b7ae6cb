import type { Connection } from "../../entities/connection";
import type { SyncRun } from "../../entities/sync-run";

export type ConnectionHealth = "HEALTHY" | "LAGGING" | "FAILING" | "PAUSED";

/**
 * How a connection is doing, from facts already stored: paused beats everything; a failed last run is FAILING;
 * data older than the lag threshold (or, never synced, a connection older than it) is LAGGING.
 */
export function healthOf(connection: Connection, lastFinishedRun: SyncRun | undefined, now: Date): ConnectionHealth {
  if (connection.paused) return "PAUSED";
  if (lastFinishedRun?.status === "FAILED") return "FAILING";
  return lagSecondsOf(connection, now) > connection.lagThresholdSeconds ? "LAGGING" : "HEALTHY";
}

/** Seconds between now and the instant through which the connection's data is known to be current. */
export function lagSecondsOf(connection: Connection, now: Date): number {
  const since = connection.syncedThrough ?? connection.createdAt;
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / 1000));
}
