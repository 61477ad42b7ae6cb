import type { AlertKind, ConnectionHealth, SyncRunStatus } from "../../generated/graphql";

/** Health, run status and alert kind as badges: the word is always there, the colour only repeats it. */

const HEALTH_CLASS: Record<ConnectionHealth, string> = {
  HEALTHY: "badge-ok",
  LAGGING: "badge-warn",
  FAILING: "badge-danger",
  PAUSED: "badge-muted",
};

export function HealthBadge({ health }: { health: ConnectionHealth }) {
  return <span className={`badge ${HEALTH_CLASS[health]}`}>{health}</span>;
}

const RUN_CLASS: Record<SyncRunStatus, string> = {
  QUEUED: "badge-muted",
  RUNNING: "badge-info",
  SUCCEEDED: "badge-ok",
  FAILED: "badge-danger",
};

export function RunStatusBadge({ status }: { status: SyncRunStatus }) {
  return <span className={`badge ${RUN_CLASS[status]}`}>{status}</span>;
}

const ALERT_CLASS: Record<AlertKind, string> = {
  FAILING: "badge-danger",
  QUEUE_STALLED: "badge-danger",
  LAGGING: "badge-warn",
  DRIFT: "badge-warn",
};

export function AlertKindBadge({ kind }: { kind: AlertKind }) {
  return <span className={`badge ${ALERT_CLASS[kind]}`}>{kind.replace("_", " ")}</span>;
}
