import { useSubscription } from "urql";
import { EnrichmentLiveProgressDocument, type EnrichmentStatus } from "../../generated/graphql";
import { formatCount } from "../../components/format";
import { Badge, type BadgeTone } from "../../components/badge";

/** Where a transaction stands: the counters its progress bar and status are drawn from. */
export interface ProgressState {
  status: EnrichmentStatus;
  numberOfRecords: number;
  received: number;
  enriched: number;
  notFound: number;
  failed: number;
}

/** Records with an outcome (enriched, not found or failed). */
export const doneOf = (p: ProgressState): number => p.enriched + p.notFound + p.failed;

/**
 * The transaction's progress as `enrichmentProgress` streams it (its state now, then as it moves, ending with
 * COMPLETED), falling back to what the page already read. No subscription for a transaction already complete.
 */
export function useLiveProgress(erid: string, read: ProgressState): ProgressState {
  const [{ data }] = useSubscription({
    query: EnrichmentLiveProgressDocument,
    variables: { erid },
    pause: read.status === "COMPLETED",
  });
  const live = data?.enrichmentProgress;
  // An INEXISTENT event (sent before the first request arrived) says less than a page that read the transaction.
  if (!live || live.status === "INEXISTENT") return read;
  // Counters only move forward: an event older than the page's last read is ignored.
  return doneOf(live) >= doneOf(read) && live.received >= read.received ? live : read;
}

const STATUS_TONE: Record<EnrichmentStatus, BadgeTone> = {
  COMPLETED: "ok",
  INCOMPLETE: "warn",
  INEXISTENT: "muted",
};

export function StatusBadge({ status }: { status: EnrichmentStatus }) {
  return (
    <Badge tone={STATUS_TONE[status]} testId="transaction-status">
      {status}
    </Badge>
  );
}

/** A labelled bar with "n of m" beside it (n: records with an outcome, m: the transaction's number of records). */
export function ProgressBar({ erid, progress }: { erid: string; progress: ProgressState }) {
  const done = doneOf(progress);
  const max = Math.max(progress.numberOfRecords, 1);
  return (
    <span className="enrichment-progress">
      <progress aria-label={`Progress of ${erid}`} value={Math.min(done, max)} max={max} />
      <span className="enrichment-progress-text" data-testid="progress-text">
        {formatCount(done)} of {formatCount(progress.numberOfRecords)}
      </span>
    </span>
  );
}

/** "professional_email" → "Professional email". */
export function fieldLabel(field: string): string {
  const words = field.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
