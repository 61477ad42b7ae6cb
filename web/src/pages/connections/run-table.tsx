import { formatCount, formatDateTime, formatDuration } from "../../components/format";
import { RunStatusBadge } from "./badges";
import type { Run } from "./live-runs";

const COUNTS = [
  ["fetched", "Fetched"],
  ["created", "Created"],
  ["updated", "Updated"],
  ["deleted", "Deleted"],
  ["unchanged", "Unchanged"],
  ["apiCalls", "API calls"],
  ["destinationApiCalls", "Destination calls"],
] as const;

export const runDuration = (run: Pick<Run, "durationMs">) => (run.durationMs === null ? "—" : formatDuration(run.durationMs / 1000));

/** A connection's recent runs with their counts, newest first. */
export function RunTable({ runs }: { runs: readonly Run[] }) {
  if (runs.length === 0) return <p>No runs yet.</p>;
  return (
    // Focusable, so a keyboard can scroll it when the columns are wider than the screen.
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Recent sync runs">
      <table className="run-table">
        <caption className="visually-hidden">Recent sync runs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Queued</th>
            <th scope="col">Trigger</th>
            {COUNTS.map(([key, label]) => (
              <th key={key} scope="col" className="number">
                {label}
              </th>
            ))}
            <th scope="col" className="number">
              Duration
            </th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} data-run-id={run.id} data-status={run.status}>
              <td>
                <RunStatusBadge status={run.status} />
                {run.attempts > 1 && <span className="hint"> attempt {run.attempts}</span>}
              </td>
              <td className="when">{formatDateTime(run.queuedAt)}</td>
              <td>{run.trigger === "MANUAL" ? "Manual" : "Schedule"}</td>
              {COUNTS.map(([key]) => (
                <td key={key} className="number" data-count={key}>
                  {formatCount(run[key])}
                </td>
              ))}
              <td className="number">{runDuration(run)}</td>
              <td className="run-error">{run.error ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "3 fetched · 3 created · 0 updated · 0 deleted · 0 unchanged" */
export function runCounts(run: Run): string {
  return `${formatCount(run.fetched)} fetched · ${formatCount(run.created)} created · ${formatCount(run.updated)} updated · ${formatCount(run.deleted)} deleted · ${formatCount(run.unchanged)} unchanged`;
}
