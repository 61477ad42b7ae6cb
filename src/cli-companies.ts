import fs from "node:fs";
import { parse } from "csv-parse";
import cliProgress from "cli-progress";
import type { Conflux } from "./server";
import type { AccountScope } from "./db/account-scope";
import type { CompanyFacts } from "./services/companies/company-directory";
import { openActivityFile, readLines } from "./services/customers/line-reader";

/** Companies per transaction of an upload. */
const CHUNK = 1000;

const list = (v: unknown) =>
  Array.isArray(v) ? v.map(String) : typeof v === "string" && v.trim() ? v.split(/[;|\s]+/).filter(Boolean) : undefined;
const number = (v: unknown) => (v === undefined || v === null || v === "" ? null : Number(v));

/** A row of an upload (CSV header or JSONL keys, snake_case or camelCase) as company facts. */
function factsOf(row: Record<string, unknown>): CompanyFacts {
  return {
    name: (row.name as string) ?? null,
    website: (row.website as string) ?? null,
    domains: list(row.domains ?? row.domain),
    ipRanges: list(row.ip_ranges ?? row.ipRanges),
    employees: number(row.employees),
    industry: (row.industry as string) || null,
    country: (row.country as string) || null,
    region: (row.region as string) || null,
    subRegion: ((row.sub_region ?? row.subRegion) as string) || null,
  };
}

async function* rowsOf(file: string): AsyncGenerator<Record<string, unknown>> {
  if (/\.csv(\.gz)?$/i.test(file)) {
    yield* openActivityFile(file).pipe(parse({ columns: true, skip_empty_lines: true, trim: true, bom: true })) as AsyncIterable<Record<string, unknown>>;
    return;
  }
  for await (const line of readLines(openActivityFile(file))) {
    if (!line.text.trim()) continue;
    try {
      yield JSON.parse(line.text);
    } catch {
      throw new Error(`${file}:${line.lineNo}: not valid JSON`);
    }
  }
}

/**
 * `conflux import companies FILE`: a CSV (header: name, domain(s), ip_ranges, employees, industry, country,
 * region, sub_region; several domains or ranges separated by `;`) or JSONL upload, .gz too, in transactions of a
 * thousand companies, with a progress bar over the file's bytes.
 */
export async function importCompaniesFile(conflux: Conflux, scope: AccountScope, file: string, showProgress: boolean): Promise<number> {
  const size = fs.statSync(file).size;
  const bar = new cliProgress.SingleBar({ format: "companies {bar} {value} imported | {rate}/s", hideCursor: true }, cliProgress.Presets.shades_classic);
  const started = Date.now();
  if (showProgress) bar.start(Math.max(1, Math.round(size / 80)), 0, { rate: 0 }); // ~80 bytes a row: a guide, corrected at the end
  let done = 0;
  let chunk: CompanyFacts[] = [];
  const flush = async () => {
    done += await conflux.services.companies.directory.importCompanies(scope, `import:${file.split("/").pop()}`, chunk);
    chunk = [];
    if (showProgress) bar.update(done, { rate: Math.round(done / Math.max(0.001, (Date.now() - started) / 1000)) });
  };
  for await (const row of rowsOf(file)) {
    chunk.push(factsOf(row));
    if (chunk.length >= CHUNK) await flush();
  }
  if (chunk.length) await flush();
  if (showProgress) {
    bar.setTotal(done);
    bar.stop();
  }
  return done;
}
