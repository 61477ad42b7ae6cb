import { Link } from "wouter";
import { formatDateTime } from "../../components/format";
import { AlertKindBadge } from "./badges";
import type { AlertRow } from "./live-alerts";

/** Alerts with their reason and times; `names` links each to its connection (left out on a connection's own page). */
export function AlertTable({ alerts, names, caption }: { alerts: readonly AlertRow[]; names?: ReadonlyMap<string, string>; caption: string }) {
  return (
    <table className="alert-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Kind</th>
          {names && <th scope="col">Connection</th>}
          <th scope="col">Reason</th>
          <th scope="col">Opened</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {alerts.map((alert) => (
          <tr key={alert.id} data-alert-id={alert.id}>
            <td>
              <AlertKindBadge kind={alert.kind} />
            </td>
            {names && (
              <td>
                {alert.connectionId ? <Link href={`/${alert.connectionId}`}>{names.get(alert.connectionId) ?? "a connection"}</Link> : "Platform"}
              </td>
            )}
            <td>{alert.reason}</td>
            <td>{formatDateTime(alert.openedAt)}</td>
            <td>{alert.status === "OPEN" ? "Open" : `Resolved ${formatDateTime(alert.resolvedAt)}`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
