import { useCallback, useEffect, useState } from "react";
import { useSubscription } from "urql";
import { ConnectionsRunFieldsFragment, ConnectionsSyncRunUpdatedDocument } from "../../generated/graphql";

export type Run = ConnectionsRunFieldsFragment;

export const isActive = (run: Pick<Run, "status"> | null | undefined) => run?.status === "QUEUED" || run?.status === "RUNNING";
const isSettled = (run: Pick<Run, "status">) => run.status === "SUCCEEDED" || run.status === "FAILED";

/**
 * How far a run has come; it only ever grows, so of two copies of one run the later wins whichever arrived
 * last. Each attempt goes RUNNING, then SUCCEEDED/FAILED or back to QUEUED (a retry, attempts already counted).
 */
export function progressOf(run: Pick<Run, "status" | "attempts">): number {
  const step = run.status === "QUEUED" ? (run.attempts > 0 ? 5 : 0) : run.status === "RUNNING" ? 1 : 9;
  return run.attempts * 10 + step;
}

/** The query's runs with the live copies laid over them (the further along wins), newest first. */
export function mergeRuns(fromQuery: readonly Run[], live: ReadonlyMap<string, Run>, limit: number): Run[] {
  const byId = new Map<string, Run>(fromQuery.map((r) => [r.id, r]));
  for (const run of live.values()) {
    const known = byId.get(run.id);
    if (!known || progressOf(run) > progressOf(known)) byId.set(run.id, run);
  }
  return [...byId.values()].sort((a, b) => Date.parse(b.queuedAt) - Date.parse(a.queuedAt) || b.id.localeCompare(a.id)).slice(0, limit);
}

/**
 * Sync runs as they change, through `syncRunUpdated` (one connection's, or all the account's). `onSettled` is
 * called when a run succeeds or fails, so the caller refreshes what the run changed (health, counts, alerts).
 * `note` lays a run the caller already has (triggerSync's answer) over the others at once.
 */
export function useLiveRuns(connectionId: string | null, onSettled: (run: Run) => void) {
  const [noted, setNoted] = useState<ReadonlyMap<string, Run>>(new Map());
  const [{ data }] = useSubscription(
    { query: ConnectionsSyncRunUpdatedDocument, variables: connectionId ? { connectionId } : {} },
    (previous: { runs: Map<string, Run>; last: Run } | undefined, event) => {
      const runs = new Map(previous?.runs);
      const run = event.syncRunUpdated;
      const known = runs.get(run.id);
      if (!known || progressOf(run) >= progressOf(known)) runs.set(run.id, run);
      return { runs, last: run };
    },
  );

  const last = data?.last;
  useEffect(() => {
    if (last && isSettled(last)) onSettled(last);
  }, [last]); // only a new event calls it, not a new onSettled

  const note = useCallback((run: Run) => setNoted((m) => new Map(m).set(run.id, run)), []);

  const live = new Map<string, Run>(noted);
  for (const run of data?.runs.values() ?? []) {
    if (connectionId && run.connectionId !== connectionId) continue;
    const known = live.get(run.id);
    if (!known || progressOf(run) >= progressOf(known)) live.set(run.id, run);
  }
  return { live, note };
}

/** Re-runs `refetch` every `ms` while `active`: a safety net for an event lost while the socket reconnected. */
export function useRefetchWhile(active: boolean, refetch: () => void, ms = 10_000) {
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(refetch, ms);
    return () => clearInterval(timer);
  }, [active, refetch, ms]);
}
