import { Fragment } from "react";
import { Link } from "wouter";
import type { ConnectionsDetailQuery } from "../../generated/graphql";
import { formatCount, formatDateTime, formatDuration } from "../../components/format";
import { HealthBadge } from "./badges";
import { humanise } from "./schema-fields";

type Detail = ConnectionsDetailQuery["connection"];

/** Health and freshness: how far behind the source the connection is, and against which thresholds. */
export function HealthFacts({ connection: c }: { connection: Detail }) {
  return (
    <dl className="facts">
      <dt>Health</dt>
      <dd data-testid="connection-health">
        <HealthBadge health={c.health} />
      </dd>
      <dt>Synced through</dt>
      <dd>{c.syncedThrough ? formatDateTime(c.syncedThrough) : "Never synced"}</dd>
      <dt>Lag</dt>
      <dd>
        {formatDuration(c.lagSeconds)}
        {c.syncedThrough ? "" : " since registration"} (LAGGING past {formatDuration(c.lagThresholdSeconds)}, alert after{" "}
        {formatDuration(c.alertGraceSeconds)} more)
      </dd>
      <dt>Consecutive failures</dt>
      <dd>
        {formatCount(c.consecutiveFailures)} (alert at {formatCount(c.failuresBeforeAlert)})
      </dd>
      <dt>Schedule</dt>
      <dd>{c.schedule ? <code>{c.schedule}</code> : "Manual syncs only"}</dd>
      <dt>Next sync</dt>
      <dd>{c.paused ? "Paused" : c.nextSyncAt ? formatDateTime(c.nextSyncAt) : "—"}</dd>
    </dl>
  );
}

/** How many records the connection holds, per facet, and as of when. */
export function SyncedRecordsFacts({ records }: { records: Detail["syncedRecords"] }) {
  const { freshness } = records;
  return (
    <>
      <p data-testid="synced-records">
        <strong>{formatCount(records.count)}</strong> records held, as fresh as{" "}
        {freshness.syncedThrough ? formatDateTime(freshness.syncedThrough) : "no sync yet"} ({formatDuration(freshness.lagSeconds)} behind,{" "}
        <HealthBadge health={freshness.health} />)
      </p>
      {records.byFacet.length > 0 && (
        <table className="facet-table">
          <caption className="visually-hidden">Records held per facet</caption>
          <thead>
            <tr>
              <th scope="col">Facet</th>
              <th scope="col" className="number">
                Records
              </th>
            </tr>
          </thead>
          <tbody>
            {records.byFacet.map((f) => (
              <tr key={f.facet}>
                <td>{f.facet || "(none)"}</td>
                <td className="number">{formatCount(f.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

interface Drift {
  source?: { total?: number; byFacet?: Record<string, number> };
  held?: { total?: number; byFacet?: Record<string, number> };
}

/** The last drift check's mismatch: totals per facet at the source and in Conflux. */
export function DriftFacts({ drift }: { drift: unknown }) {
  const d = (typeof drift === "object" && drift !== null ? drift : {}) as Drift;
  const facets = [...new Set([...Object.keys(d.source?.byFacet ?? {}), ...Object.keys(d.held?.byFacet ?? {})])].sort();
  return (
    <div className="panel drift" role="note">
      <p>
        The source lists <strong>{formatCount(d.source?.total)}</strong> records; Conflux holds <strong>{formatCount(d.held?.total)}</strong>.
      </p>
      {facets.length > 0 && (
        <table>
          <caption className="visually-hidden">Drift per facet</caption>
          <thead>
            <tr>
              <th scope="col">Facet</th>
              <th scope="col" className="number">
                Source
              </th>
              <th scope="col" className="number">
                Held
              </th>
            </tr>
          </thead>
          <tbody>
            {facets.map((f) => (
              <tr key={f}>
                <td>{f}</td>
                <td className="number">{formatCount(d.source?.byFacet?.[f] ?? 0)}</td>
                <td className="number">{formatCount(d.held?.byFacet?.[f] ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

const show = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

/** The connection's settings: its kind, config and thresholds. Secrets are write-only, so never here. */
export function SettingsFacts({ connection: c }: { connection: Detail }) {
  const config = typeof c.config === "object" && c.config !== null ? Object.entries(c.config as Record<string, unknown>) : [];
  return (
    <dl className="facts">
      <dt>Kind</dt>
      <dd>{c.kind}</dd>
      <dt>Registered</dt>
      <dd>{formatDateTime(c.createdAt)}</dd>
      {config.map(([key, value]) => (
        <Fragment key={key}>
          <dt>{humanise(key)}</dt>
          <dd>
            <code>{show(value)}</code>
          </dd>
        </Fragment>
      ))}
      <dt>Reconciliation</dt>
      <dd>
        every {formatDuration(c.reconcileIntervalSeconds)}; last {c.reconciledAt ? formatDateTime(c.reconciledAt) : "never"}
      </dd>
      <dt>Destination</dt>
      <dd>{c.destinationId ? <Link href={`/${c.destinationId}`}>Destination connection</Link> : "None"}</dd>
      <dt>Credentials</dt>
      <dd>Write-only: stored encrypted and never shown.</dd>
    </dl>
  );
}
