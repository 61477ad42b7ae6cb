import { useCallback, useMemo } from "react";
import { Link } from "wouter";
import { useQuery } from "urql";
import { ConnectionsListDocument, ConnectionsOpenAlertsDocument } from "../../generated/graphql";
import { Page } from "../../components/page";
import { ErrorBanner, Loading } from "../../components/query-state";
import { formatCount, formatDateTime, formatDuration } from "../../components/format";
import { KeysetPager, useCursorStack } from "../../components/keyset-pager";
import { useIsAdmin } from "../../viewer";
import { AlertKindBadge, HealthBadge, RunStatusBadge } from "./badges";
import { mergeAlerts, useLiveAlerts } from "./live-alerts";
import { isActive, mergeRuns, Run, useLiveRuns, useRefetchWhile } from "./live-runs";
import { runCounts } from "./run-table";
import { AlertTable } from "./alert-table";

const PAGE_SIZE = 25;
/** A run's error in a table cell: its start (the connection's page has all of it). */
const clip = (text: string, max = 120) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const LIST_CONTEXT = { additionalTypenames: ["Connection", "SyncRun"] };

/** Every connection with its health, freshness and last run, and the account's open alerts, kept live. */
export function ConnectionListPage() {
  const isAdmin = useIsAdmin();
  const paging = useCursorStack();
  // Lag grows while a page sits in the cache: show it at once, then refresh. A mutation on any connection or
  // run invalidates it, even while it lists none.
  const [list, refetchList] = useQuery({ query: ConnectionsListDocument, variables: { first: PAGE_SIZE, after: paging.after }, requestPolicy: "cache-and-network", context: LIST_CONTEXT });
  const [alertsResult, refetchAlerts] = useQuery({ query: ConnectionsOpenAlertsDocument, requestPolicy: "cache-and-network" });

  const refresh = useCallback(() => refetchList({ requestPolicy: "network-only" }), [refetchList]);
  const liveAlerts = useLiveAlerts(() => {
    refresh();
    refetchAlerts({ requestPolicy: "network-only" });
  });
  const { live } = useLiveRuns(null, refresh);

  const connections = useMemo(() => list.data?.connections.edges.map((e) => e.node) ?? [], [list.data]);
  const names = useMemo(() => new Map(connections.map((c) => [c.id, c.name])), [connections]);
  const openAlerts = mergeAlerts(alertsResult.data?.alerts ?? [], liveAlerts, (a) => a.status === "OPEN");
  const lastRuns = new Map<string, Run | null>(
    connections.map((c) => {
      const liveOfThis = new Map([...live].filter(([, run]) => run.connectionId === c.id));
      return [c.id, mergeRuns(c.lastRun ? [c.lastRun] : [], liveOfThis, 1)[0] ?? null];
    }),
  );
  useRefetchWhile([...lastRuns.values()].some(isActive), refresh);

  const page = list.data?.connections;
  return (
    <Page
      title="Connections"
      actions={
        isAdmin && (
          <Link href="/new" className="button-link">
            Register connection
          </Link>
        )
      }
    >
      <section aria-labelledby="open-alerts-heading" className="panel open-alerts">
        <h2 id="open-alerts-heading">
          Open alerts <span className="count">({openAlerts.length})</span>
        </h2>
        {alertsResult.error && !alertsResult.data && <ErrorBanner error={alertsResult.error} onRetry={() => refetchAlerts({ requestPolicy: "network-only" })} />}
        {alertsResult.data && openAlerts.length === 0 && <p>No open alerts: every connection is within its thresholds.</p>}
        {openAlerts.length > 0 && <AlertTable alerts={openAlerts} names={names} caption="Open alerts, newest first" />}
      </section>

      <h2 id="connections-heading">All connections</h2>
      {list.fetching && !list.data && <Loading />}
      {list.error && !list.data && <ErrorBanner error={list.error} onRetry={refresh} />}
      {page && page.totalCount === 0 && (
        <p>
          No connections yet.
          {isAdmin ? (
            <>
              {" "}
              <Link href="/new">Register the first one</Link>.
            </>
          ) : (
            " An admin of this account registers them."
          )}
        </p>
      )}
      {page && connections.length > 0 && (
        <>
          <p className="hint">{formatCount(page.totalCount)} connections</p>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="connections-heading">
            <table aria-labelledby="connections-heading" className="connection-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Health</th>
                  <th scope="col">Synced through</th>
                  <th scope="col" className="number">
                    Lag
                  </th>
                  <th scope="col">Last run</th>
                  <th scope="col">Open alerts</th>
                </tr>
              </thead>
              <tbody>
                {connections.map((c) => {
                  const run = lastRuns.get(c.id) ?? null;
                  const alerts = openAlerts.filter((a) => a.connectionId === c.id);
                  return (
                    <tr key={c.id} data-connection-id={c.id}>
                      <th scope="row">
                        <Link href={`/${c.id}`}>{c.name}</Link>
                      </th>
                      <td>{c.kind}</td>
                      <td>
                        <HealthBadge health={c.health} />
                      </td>
                      <td className="nowrap">{c.syncedThrough ? formatDateTime(c.syncedThrough) : "Never synced"}</td>
                      <td className="number">{formatDuration(c.lagSeconds)}</td>
                      <td>
                        {run ? (
                          <>
                            <RunStatusBadge status={run.status} /> <span className="run-counts">{runCounts(run)}</span>
                            {run.error && <span className="run-error"> {clip(run.error)}</span>}
                          </>
                        ) : (
                          "No runs yet"
                        )}
                      </td>
                      <td>
                        {alerts.length === 0
                          ? "None"
                          : alerts.map((a) => (
                              <span key={a.id} className="badge-list-item">
                                <AlertKindBadge kind={a.kind} />
                              </span>
                            ))}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {(paging.page > 1 || page.pageInfo.hasNextPage) && (
            <KeysetPager
              label="Connection pages"
              page={paging.page}
              pageInfo={page.pageInfo}
              totalCount={page.totalCount}
              pageSize={PAGE_SIZE}
              onPrevious={paging.previous}
              onNext={paging.next}
            />
          )}
        </>
      )}
    </Page>
  );
}
