import { useCallback } from "react";
import { Link } from "wouter";
import { useQuery } from "urql";
import { ConnectionsDetailDocument } from "../../generated/graphql";
import { Page } from "../../components/page";
import { ErrorBanner, errorCode, Loading } from "../../components/query-state";
import { formatDateTime } from "../../components/format";
import { useIsAdmin } from "../../viewer";
import { HealthBadge, RunStatusBadge } from "./badges";
import { isActive, mergeRuns, useLiveRuns, useRefetchWhile } from "./live-runs";
import { mergeAlerts, useLiveAlerts } from "./live-alerts";
import { RunTable, runCounts, runDuration } from "./run-table";
import { AlertTable } from "./alert-table";
import { ADMIN_ACTIONS, MEMBER_ACTIONS, useConnectionActions } from "./connection-actions";
import { DriftFacts, HealthFacts, SettingsFacts, SyncedRecordsFacts } from "./connection-facts";

/** Its runs may be none yet: a triggered run must still invalidate it. */
const DETAIL_CONTEXT = { additionalTypenames: ["SyncRun"] };

/**
 * One connection: health and freshness, what it holds, drift, settings, its recent runs and alerts. Runs and
 * alerts update live (syncRunUpdated, alertChanged); a settled run refreshes the rest.
 */
export function ConnectionPage({ id }: { id: string }) {
  const isAdmin = useIsAdmin();
  const [result, refetch] = useQuery({ query: ConnectionsDetailDocument, variables: { id }, requestPolicy: "cache-and-network", context: DETAIL_CONTEXT });
  const refresh = useCallback(() => refetch({ requestPolicy: "network-only" }), [refetch]);
  const { live, note } = useLiveRuns(id, refresh);
  const liveAlerts = useLiveAlerts((alert) => {
    if (alert.connectionId === id) refresh();
  });

  const connection = result.data?.connection;
  const runs = mergeRuns(connection?.runs ?? [], live, 10);
  const latest = runs[0];
  const running = isActive(latest);
  useRefetchWhile(running, refresh);
  const actions = useConnectionActions({ connection, allowed: isAdmin ? ADMIN_ACTIONS : MEMBER_ACTIONS, onQueued: note });

  if (!connection) {
    if (result.error) {
      const missing = errorCode(result.error) === "NOT_FOUND";
      return (
        <Page title={missing ? "Connection not found" : "Connection"}>
          {missing ? <p>There is no such connection in this account; it may have been deleted.</p> : <ErrorBanner error={result.error} onRetry={refresh} />}
          <p>
            <Link href="/">All connections</Link>
          </p>
        </Page>
      );
    }
    return <Loading />;
  }

  const alerts = mergeAlerts(result.data?.alerts ?? [], liveAlerts, (a) => a.connectionId === id);
  return (
    <Page title={connection.name} actions={actions.buttons}>
      <p className="breadcrumb">
        <Link href="/">Connections</Link> / {connection.kind} <HealthBadge health={connection.health} />
      </p>
      {actions.feedback}

      <section aria-labelledby="latest-run-heading" className="panel latest-run">
        <h2 id="latest-run-heading">Latest run</h2>
        <div role="status" aria-live="polite" data-testid="latest-run">
          {latest ? (
            <p>
              <span data-testid="latest-run-status" data-status={latest.status}>
                <RunStatusBadge status={latest.status} />
              </span>{" "}
              {latest.status === "QUEUED" && `queued ${formatDateTime(latest.queuedAt)}, waiting for a worker`}
              {latest.status === "RUNNING" && `since ${formatDateTime(latest.startedAt)}`}
              {(latest.status === "SUCCEEDED" || latest.status === "FAILED") && (
                <>
                  <span data-testid="latest-run-counts">{runCounts(latest)}</span> in {runDuration(latest)}, finished {formatDateTime(latest.finishedAt)}
                </>
              )}
              {latest.error && <span className="run-error"> {latest.error}</span>}
            </p>
          ) : (
            <p>No runs yet. Sync now starts the first.</p>
          )}
        </div>
      </section>

      <div className="columns">
        <section aria-labelledby="health-heading">
          <h2 id="health-heading">Health and freshness</h2>
          <HealthFacts connection={connection} />
        </section>
        <section aria-labelledby="records-heading">
          <h2 id="records-heading">Synced records</h2>
          <SyncedRecordsFacts records={connection.syncedRecords} />
          {connection.drift != null && (
            <>
              <h3>Drift</h3>
              <DriftFacts drift={connection.drift} />
            </>
          )}
        </section>
      </div>

      <section aria-labelledby="runs-heading">
        <h2 id="runs-heading">Recent runs</h2>
        <RunTable runs={runs} />
      </section>

      <section aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">Alerts</h2>
        {alerts.length === 0 ? <p>No alerts.</p> : <AlertTable alerts={alerts} caption="This connection's alerts, newest first" />}
      </section>

      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">Settings</h2>
        <SettingsFacts connection={connection} />
      </section>
    </Page>
  );
}
