import { FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { Link } from "wouter";
import { useQuery, useSubscription } from "urql";
import { InfluencerDetailDocument, InfluencerLiveMetricDocument, InfluencerSeriesDocument } from "../../generated/graphql";
import { Page } from "../../components/page";
import { ErrorBanner, Loading } from "../../components/query-state";
import { formatCount, formatDateTime, formatDecimal, formatDuration } from "../../components/format";
import { TimeSeriesChart, type ChartSeries } from "../../components/time-series-chart";
import { Badge } from "../../components/badge";
import { customRange, INTERVAL_LABEL, MetricRange, PRESETS, PresetId, presetRange, toUtcInput } from "./metric-range";

type SeriesKey = "followers" | "following" | "ratio";

const SERIES: ChartSeries<SeriesKey>[] = [
  { key: "followers", label: "Followers" },
  { key: "following", label: "Following" },
  { key: "ratio", label: "Follower ratio", right: true },
];

type Choice = { kind: "preset"; preset: PresetId; anchor: number } | { kind: "custom"; range: MetricRange };

/** One influencer: its latest reading, rank, flags, and a chart over a chosen range, live as readings arrive. */
export function InfluencerPage({ pk }: { pk: number }) {
  const [{ data, error, fetching }, refetchDetail] = useQuery({
    query: InfluencerDetailDocument,
    variables: { pk },
    requestPolicy: "cache-and-network",
  });
  const influencer = data?.influencer;

  const [choice, setChoice] = useState<Choice>(() => ({ kind: "preset", preset: "24h", anchor: Date.now() }));
  const range = choice.kind === "preset" ? presetRange(choice.preset, choice.anchor) : choice.range;
  const [{ data: seriesData, error: seriesError, fetching: seriesFetching }, refetchSeries] = useQuery({
    query: InfluencerSeriesDocument,
    variables: { pk, from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString(), interval: range.interval },
    pause: !influencer,
  });

  // Each new reading: shown at once, then the series and the figures read again (a preset range moves on with it).
  const [{ data: liveData }] = useSubscription({ query: InfluencerLiveMetricDocument, variables: { pk }, pause: !influencer });
  const live = liveData?.influencerMetric ?? null;
  const refetch = useRef(() => {});
  refetch.current = () => {
    refetchDetail({ requestPolicy: "network-only" });
    refetchSeries({ requestPolicy: "network-only" });
  };
  useEffect(() => {
    if (!live) return;
    setChoice((c) => (c.kind === "preset" ? { ...c, anchor: Date.now() } : c));
    refetch.current();
  }, [live?.ts]);

  const latest = newest(influencer?.latest ?? null, live);
  const chartData = useMemo(
    () =>
      (seriesData?.influencer?.metrics ?? []).map((b) => ({
        t: Date.parse(b.ts),
        followers: b.followerCount.last,
        following: b.followingCount.last,
        ratio: b.followerRatio.last,
      })),
    [seriesData],
  );

  if (!data && fetching) return <Loading label="Loading the influencer…" />;
  if (!influencer) {
    return (
      <Page title={`Influencer ${pk}`}>
        <p>
          <Link href="/">All influencers</Link>
        </p>
        {error ? <ErrorBanner error={error} onRetry={() => refetchDetail({ requestPolicy: "network-only" })} /> : <p>Influencer {pk} is not tracked.</p>}
      </Page>
    );
  }

  return (
    <Page title={`Influencer ${influencer.username ?? influencer.pk}`}>
      <p>
        <Link href="/">All influencers</Link>
      </p>
      {influencer.error && (
        <div className="influencer-error" data-testid="influencer-error">
          <p>
            <strong>The last poll failed:</strong> {influencer.error.message}
          </p>
          <p className="hint">
            Since {formatDateTime(influencer.error.at)}, {formatCount(influencer.error.consecutiveFailures)} failed{" "}
            {influencer.error.consecutiveFailures === 1 ? "poll" : "polls"} in a row.
          </p>
        </div>
      )}
      <div className="influencer-overview">
        <section className="panel" aria-labelledby="latest-heading">
          <h2 id="latest-heading" className="panel-heading">
            Latest reading
          </h2>
          {latest ? (
            <dl className="facts">
              <dt>Time</dt>
              <dd data-testid="latest-time">{formatDateTime(latest.ts)}</dd>
              <dt>Followers</dt>
              <dd data-testid="latest-followers">{formatCount(latest.followerCount)}</dd>
              <dt>Following</dt>
              <dd data-testid="latest-following">{formatCount(latest.followingCount)}</dd>
              <dt>Ratio</dt>
              <dd data-testid="latest-ratio">{formatDecimal(latest.followerRatio)}</dd>
            </dl>
          ) : (
            <p>No reading in the last two days.</p>
          )}
        </section>
        <section className="panel" aria-labelledby="standing-heading">
          <h2 id="standing-heading" className="panel-heading">
            Standing
          </h2>
          <dl className="facts">
            <dt>PK</dt>
            <dd>{influencer.pk}</dd>
            <dt>Rank by followers</dt>
            <dd data-testid="influencer-rank">{influencer.rank ?? "—"}</dd>
            <dt>Account average followers</dt>
            <dd data-testid="influencer-average">{formatDecimal(influencer.averageFollowerCount)}</dd>
            <dt>Suspicious</dt>
            <dd data-testid="influencer-suspicious">
              {influencer.suspicious ? (
                <>
                  <Badge tone={influencer.suspicious.value ? "danger" : "ok"}>{influencer.suspicious.value ? "Suspicious" : "Not suspicious"}</Badge>{" "}
                  <span className="hint">checked {formatDateTime(influencer.suspicious.checkedAt)}</span>
                </>
              ) : (
                "Not checked yet"
              )}
            </dd>
            <dt>Polled</dt>
            <dd>every {formatDuration(influencer.intervalSeconds)}</dd>
            <dt>Tracked since</dt>
            <dd>{formatDateTime(influencer.trackedAt)}</dd>
          </dl>
          <p className="hint">Rank and average come from a snapshot refreshed every minute.</p>
        </section>
      </div>

      <h2>Followers over time</h2>
      <RangePicker
        choice={choice}
        range={range}
        onPreset={(preset) => setChoice({ kind: "preset", preset, anchor: Date.now() })}
        onCustom={(r) => setChoice({ kind: "custom", range: r })}
      />
      {seriesError && <ErrorBanner error={seriesError} onRetry={() => refetchSeries({ requestPolicy: "network-only" })} />}
      {!seriesData && seriesFetching ? (
        <Loading label="Loading the series…" />
      ) : (
        <TimeSeriesChart
          title={`Followers, following and ratio, ${formatDateTime(new Date(range.from).toISOString())} to ${formatDateTime(new Date(range.to).toISOString())}, ${INTERVAL_LABEL[range.interval]}`}
          data={chartData}
          series={SERIES}
        />
      )}
    </Page>
  );
}

function RangePicker({
  choice,
  range,
  onPreset,
  onCustom,
}: {
  choice: Choice;
  range: MetricRange;
  onPreset: (id: PresetId) => void;
  onCustom: (range: MetricRange) => void;
}) {
  const [fromText, setFromText] = useState(toUtcInput(range.from));
  const [toText, setToText] = useState(toUtcInput(range.to));
  const [problem, setProblem] = useState<{ error: string; field: "from" | "to" } | null>(null);
  // A preset (and a preset moved on by a live reading) shows its range in the fields, ready to be adjusted.
  useEffect(() => {
    if (choice.kind !== "preset") return;
    setFromText(toUtcInput(range.from));
    setToText(toUtcInput(range.to));
    setProblem(null);
  }, [choice.kind, range.from, range.to]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const result = customRange(fromText, toText);
    if ("error" in result) {
      setProblem(result);
      return;
    }
    setProblem(null);
    onCustom(result);
  };

  return (
    <div className="range-picker">
      <div role="group" aria-label="Range" className="range-presets">
        {PRESETS.map((p) => {
          const pressed = choice.kind === "preset" && choice.preset === p.id;
          return (
            <button key={p.id} type="button" className={pressed ? undefined : "secondary"} aria-pressed={pressed} onClick={() => onPreset(p.id)}>
              {p.label}
            </button>
          );
        })}
      </div>
      <form className="inline" aria-label="Custom range" onSubmit={apply} noValidate>
        <div className="field">
          <label htmlFor="range-from">From (UTC)</label>
          <input
            id="range-from"
            type="datetime-local"
            value={fromText}
            onChange={(e) => setFromText(e.target.value)}
            aria-invalid={problem?.field === "from" || undefined}
            aria-describedby={problem?.field === "from" ? "range-problem" : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="range-to">To (UTC)</label>
          <input
            id="range-to"
            type="datetime-local"
            value={toText}
            onChange={(e) => setToText(e.target.value)}
            aria-invalid={problem?.field === "to" || undefined}
            aria-describedby={problem?.field === "to" ? "range-problem" : undefined}
          />
        </div>
        <button type="submit">Show range</button>
        <p className="hint" data-testid="range-interval">
          {choice.kind === "custom" ? "Custom range" : PRESETS.find((p) => p.id === choice.preset)!.label}, {INTERVAL_LABEL[range.interval]}
        </p>
      </form>
      {problem && (
        <p id="range-problem" className="field-error" role="alert">
          {problem.error}
        </p>
      )}
    </div>
  );
}

type Reading = { ts: string; followerCount: number; followingCount: number; followerRatio: number | null };

function newest(a: Reading | null, b: Reading | null): Reading | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(b.ts) > Date.parse(a.ts) ? b : a;
}
