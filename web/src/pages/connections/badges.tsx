import type { AlertKind, ConnectionHealth, SyncRunStatus } from "../../generated/graphql";
import { Badge, type BadgeTone } from "../../components/badge";

/** Health, run status and alert kind as badges. */

const HEALTH_TONE: Record<ConnectionHealth, BadgeTone> = {
  HEALTHY: "ok",
  LAGGING: "warn",
  FAILING: "danger",
  PAUSED: "muted",
};

export function HealthBadge({ health }: { health: ConnectionHealth }) {
  return <Badge tone={HEALTH_TONE[health]}>{health}</Badge>;
}

const RUN_TONE: Record<SyncRunStatus, BadgeTone> = {
  QUEUED: "muted",
  RUNNING: "info",
  SUCCEEDED: "ok",
  FAILED: "danger",
};

export function RunStatusBadge({ status }: { status: SyncRunStatus }) {
  return <Badge tone={RUN_TONE[status]}>{status}</Badge>;
}

const ALERT_TONE: Record<AlertKind, BadgeTone> = {
  FAILING: "danger",
  QUEUE_STALLED: "danger",
  LAGGING: "warn",
  DRIFT: "warn",
};

export function AlertKindBadge({ kind }: { kind: AlertKind }) {
  return <Badge tone={ALERT_TONE[kind]}>{kind.replace("_", " ")}</Badge>;
}
