import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ChartSeries<K extends string> {
  key: K;
  label: string;
  /** Series on the right-hand axis (e.g. a ratio beside counts). */
  right?: boolean;
}

/** Distinguishable for colour-blind readers and at least 3:1 against white. */
const COLOURS = ["#1f4fbf", "#b3261e", "#1b6b33", "#7a4a00", "#6a1b9a", "#00607a"];

const tick = new Intl.DateTimeFormat("en-GB", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
const dayTick = new Intl.DateTimeFormat("en-GB", { month: "short", day: "numeric", timeZone: "UTC" });

/**
 * A line chart over time, drawn as SVG (recharts) so tests and screen readers can read it: the figure carries
 * a caption, the SVG a label, and every point is a `.recharts-line-dot` with its value in the tooltip.
 * `t` is the point's time in epoch milliseconds; `granularity="day"` labels days without a time (daily series).
 */
export function TimeSeriesChart<K extends string>({
  title,
  data,
  series,
  granularity = "time",
}: {
  title: string;
  data: ({ t: number } & Partial<Record<K, number | null>>)[];
  series: ChartSeries<K>[];
  granularity?: "time" | "day";
}) {
  const hasRight = series.some((s) => s.right);
  const format = granularity === "day" ? dayTick : tick;
  return (
    <figure className="chart-figure">
      <figcaption>{title}</figcaption>
      {data.length === 0 ? (
        <p className="hint">No points in this range.</p>
      ) : (
        <div className="chart" role="img" aria-label={`${title}: ${data.length} points`}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#d5dae3" />
              <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={(v: number) => format.format(v)} stroke="#4a5263" />
              <YAxis yAxisId="left" stroke="#4a5263" allowDecimals={false} />
              {hasRight && <YAxis yAxisId="right" orientation="right" stroke="#4a5263" />}
              <Tooltip labelFormatter={(v) => format.format(Number(v))} />
              <Legend />
              {series.map((s, i) => (
                <Line
                  key={s.key}
                  yAxisId={s.right ? "right" : "left"}
                  dataKey={s.key}
                  name={s.label}
                  stroke={COLOURS[i % COLOURS.length]}
                  strokeWidth={2}
                  dot={data.length <= 120}
                  isAnimationActive={false}
                  connectNulls={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}
