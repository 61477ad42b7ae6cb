import { useEffect } from "react";
import { useSubscription } from "urql";
import { ConnectionsAlertChangedDocument, ConnectionsAlertFieldsFragment } from "../../generated/graphql";

export type AlertRow = ConnectionsAlertFieldsFragment;

/** The query's alerts with the live changes laid over them (a resolved copy wins), newest first. */
export function mergeAlerts(fromQuery: readonly AlertRow[], live: ReadonlyMap<string, AlertRow>, keep: (a: AlertRow) => boolean): AlertRow[] {
  const byId = new Map<string, AlertRow>(fromQuery.map((a) => [a.id, a]));
  for (const alert of live.values()) {
    const known = byId.get(alert.id);
    if (!known || known.status === "OPEN") byId.set(alert.id, alert);
  }
  return [...byId.values()].filter(keep).sort((a, b) => Date.parse(b.openedAt) - Date.parse(a.openedAt));
}

/**
 * Alerts as they open and resolve, through `alertChanged`; `onChange` runs after each, so the caller can refresh
 * what an alert says about (a connection's health).
 */
export function useLiveAlerts(onChange?: (alert: AlertRow) => void): ReadonlyMap<string, AlertRow> {
  const [{ data }] = useSubscription(
    { query: ConnectionsAlertChangedDocument },
    (previous: { alerts: Map<string, AlertRow>; last: AlertRow } | undefined, event) => {
      const alerts = new Map(previous?.alerts);
      alerts.set(event.alertChanged.id, event.alertChanged);
      return { alerts, last: event.alertChanged };
    },
  );
  const last = data?.last;
  useEffect(() => {
    if (last) onChange?.(last);
  }, [last]); // only a new event calls it, not a new onChange
  return data?.alerts ?? EMPTY;
}

const EMPTY: ReadonlyMap<string, AlertRow> = new Map();
