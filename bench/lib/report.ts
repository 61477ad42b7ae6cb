export interface Figure {
  bench: string;
  name: string;
  value: number;
  unit: string;
  /** `ratio` is value / compare.value; null when the baseline is 0. */
  compare?: { against: string; value: number; ratio: number | null };
}

const figures: Figure[] = [];

const round = (n: number, digits: number) => Number(n.toFixed(digits));

/**
 * Prints one figure as a JSON line on stdout, which carries nothing else so it can be piped, and keeps it for
 * `printTable`.
 */
export function figure(bench: string, name: string, value: number, unit: string, compare?: { against: string; value: number }): Figure {
  const f: Figure = { bench, name, value: round(value, 2), unit };
  if (compare) {
    f.compare = { against: compare.against, value: round(compare.value, 2), ratio: compare.value ? round(value / compare.value, 3) : null };
  }
  figures.push(f);
  process.stdout.write(`${JSON.stringify(f)}\n`);
  return f;
}

/** The figures printed so far, as an aligned table on stderr. */
export function printTable(): void {
  const rows = [
    ["bench", "name", "value", "unit", "against", "ratio"],
    ...figures.map((f) => [
      f.bench,
      f.name,
      String(f.value),
      f.unit,
      f.compare ? `${f.compare.against} ${f.compare.value}` : "",
      f.compare?.ratio != null ? `${f.compare.ratio}×` : "",
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const numeric = new Set([2, 5]);
  for (const row of rows) {
    const cells = row.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])));
    process.stderr.write(`${cells.join("  ").trimEnd()}\n`);
  }
}
