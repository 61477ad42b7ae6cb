import { FormEvent, useState } from "react";
import type { CompanyDetailQuery } from "../../generated/graphql";
import { ChartSeries, TimeSeriesChart } from "../../components/time-series-chart";
import { formatCount } from "../../components/format";
import { dailyPoints, DayRange, lastDays, rangeError, SignalPoint } from "./signal-range";

type SeriesKey = Exclude<keyof SignalPoint, "t">;

const SERIES: ChartSeries<SeriesKey>[] = [
  { key: "visits", label: "Visits" },
  { key: "clicks", label: "Clicks" },
  { key: "contacts", label: "Contacts" },
  { key: "formSubmissions", label: "Form submissions" },
  { key: "chats", label: "Chats" },
  { key: "custom", label: "Custom signals" },
];

/** The chosen range's daily signals as a chart, with the form that chooses the range. */
export function SignalChart({
  signals,
  range,
  onRange,
}: {
  signals: CompanyDetailQuery["company"]["signals"];
  range: DayRange;
  onRange: (range: DayRange) => void;
}) {
  const [draft, setDraft] = useState(range);
  const [error, setError] = useState<string | null>(null);
  const points = dailyPoints(signals, range);
  const total = points.reduce((n, p) => n + p.visits + p.clicks + p.contacts + p.formSubmissions + p.chats + p.custom, 0);
  const series = SERIES.filter((s) => s.key !== "custom" || points.some((p) => p.custom > 0));

  function submit(event: FormEvent) {
    event.preventDefault();
    const problem = rangeError(draft);
    setError(problem);
    if (!problem) onRange(draft);
  }

  function preset(days: number) {
    const next = lastDays(days);
    setDraft(next);
    setError(null);
    onRange(next);
  }

  return (
    <section aria-labelledby="signals-heading">
      <h2 id="signals-heading">Daily signals</h2>
      <form className="inline" onSubmit={submit} noValidate aria-label="Range of the signals">
        <div className="field">
          <label htmlFor="signals-from">From</label>
          <input id="signals-from" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} aria-invalid={error ? true : undefined} aria-describedby={error ? "signals-range-error" : undefined} />
        </div>
        <div className="field">
          <label htmlFor="signals-to">To</label>
          <input id="signals-to" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} aria-invalid={error ? true : undefined} aria-describedby={error ? "signals-range-error" : undefined} />
        </div>
        <button type="submit">Show</button>
        <button type="button" className="secondary" onClick={() => preset(30)}>
          Last 30 days
        </button>
        <button type="button" className="secondary" onClick={() => preset(90)}>
          Last 90 days
        </button>
      </form>
      {error && (
        <p id="signals-range-error" className="field-error" role="alert">
          {error}
        </p>
      )}
      <p className="hint">
        {formatCount(total)} signals from {range.from} to {range.to} (UTC days).
      </p>
      <TimeSeriesChart title={`Signals per day, ${range.from} to ${range.to}`} data={points} series={series} granularity="day" />
    </section>
  );
}
