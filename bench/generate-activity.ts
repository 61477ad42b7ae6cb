import fs from "node:fs";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";

/**
 * Seeded generator of customer-activity NDJSON in the shape of the customer-data datasets, with the cases that
 * break naive ingestion: out-of-order timestamps, equal timestamps for one attribute (the later line must win),
 * exact duplicate event lines (not always adjacent), anonymous events, numeric user ids, attribute removals
 * (null), numbers and booleans as attribute values, unicode (emoji, ZWJ sequences, CJK, combining marks) in
 * keys, names and values, keys with spaces and hyphens, values with commas, `=`, newlines and `<&>`, and the
 * occasional value of up to ~64 KB. Malformed lines, blank lines and strings the database cannot store (NUL,
 * unpaired surrogates) only with `badLines`.
 *
 *   node dist/bench/generate-activity.js --lines 10000000 --users 100000 --seed 42 --out /tmp/activity.ndjson
 */

export interface GenerateOptions {
  /** Lines to write, every kind included. */
  lines: number;
  /** Customer ids are "1" … String(users). */
  users: number;
  seed: number;
  badLines?: boolean;
}

/** mulberry32: tiny, fast, good enough for test data, and identical on every platform. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE_TS = 1_560_000_000;
const TS_SPAN = 30 * 86_400;
const DUPLICATE_RING = 64;

const WORDS = ["aston", "martin", "mercedes", "benz", "backup", "index", "navigate", "compress", "lime", "coral", "navy", "jazz"];
const UNICODE_KEYS = ["名前", "ключ", "🎉 party-mode", "cafe\u0301", "naïve key", "👨‍👩‍👧 family"];
const EVENT_VERBS = ["page", "signup", "purchase", "backup", "index", "compress", "购买", "👍like", "re\u0301sume\u0301"];
const VALUES = [
  "Bill", "O'Brien", "Zoë", "東京都", "e\u0301clair", "👨‍👩‍👧‍👦", "a,b,c", "x=y", "<b>&amp;</b>", "line1\nline2",
  "tab\there", "Chimay Grande Réserve", "SamuelSmith’sImperialIPA", "", " padded ",
];

/** Yields the lines (without newline), deterministically for a given seed. */
export async function* generateActivity(options: GenerateOptions): AsyncGenerator<string> {
  const random = mulberry32(options.seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)];
  const attributeKeys = [
    "first_name", "last_name", "email", "city", "ip", "created_at", ...UNICODE_KEYS,
    ...Array.from({ length: 40 }, () => `${pick(WORDS)}${pick(["", " ", "-"])}${pick(WORDS)}`),
  ];
  const eventNames = Array.from({ length: 30 }, () => `${pick(EVENT_VERBS)}${pick(["", "-", " "])}${pick(WORDS)}`);

  const uuid = () => {
    const hex = Array.from({ length: 4 }, () => (Math.floor(random() * 2 ** 32) >>> 0).toString(16).padStart(8, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
  const userId = (): string | number => {
    const n = 1 + int(options.users);
    return random() < 0.02 ? n : String(n); // 42 and "42" are one customer
  };
  const timestamp = () => BASE_TS + int(TS_SPAN); // random order: stale values keep arriving after fresh ones
  const value = (): string => {
    if (random() < 0.002) {
      // Whole repetitions: cutting the string could split a surrogate pair.
      const unit = `${pick(VALUES)}·${pick(WORDS)}`;
      return unit.repeat(Math.max(1, Math.floor((1024 + int(63 * 1024)) / unit.length)));
    }
    return `${pick(VALUES)}${pick(WORDS)}`;
  };
  const attributeValue = (): string | number | boolean | null => {
    const r = random();
    if (r < 0.01) return null;
    if (r < 0.02) return int(100_000);
    if (r < 0.025) return r < 0.0225;
    return value();
  };
  const attributeData = () => {
    const data: Record<string, unknown> = {};
    for (let i = 1 + int(4); i > 0; i--) {
      const key = pick(attributeKeys);
      data[key] = key === "created_at" ? String(1_540_000_000 + int(20_000_000)) : attributeValue();
    }
    return data;
  };
  const eventData = () => {
    const data: Record<string, unknown> = {};
    for (let i = int(4); i > 0; i--) data[`${pick(WORDS)}${pick(WORDS)}`] = value();
    return data;
  };
  const attributes = (user: string | number, ts: number, data: Record<string, unknown>) =>
    encode({ data, id: uuid(), timestamp: ts, type: "attributes", user_id: user });
  const event = (user: string | number | undefined) =>
    encode({ data: eventData(), id: uuid(), name: pick(eventNames), timestamp: timestamp(), type: "event", user_id: user });

  const recentEvents: string[] = [];
  let written = 0;
  while (written < options.lines) {
    const r = random();
    if (options.badLines && r < 0.003) {
      yield badLine(random, pick, event(userId()));
      written++;
    } else if (r < 0.02 && recentEvents.length > 0) {
      yield pick(recentEvents); // an exact duplicate, not always of the line just before
      written++;
    } else if (r < 0.03) {
      yield event(undefined); // JSON.stringify drops the undefined user_id: an anonymous event
      written++;
    } else if (r < 0.06) {
      // Two changes of one attribute with one timestamp: the second line must win.
      const user = userId();
      const ts = timestamp();
      const key = pick(attributeKeys);
      yield attributes(user, ts, { [key]: value() });
      written++;
      if (written < options.lines) {
        yield attributes(user, ts, { [key]: value() });
        written++;
      }
    } else if (r < 0.45) {
      yield attributes(userId(), timestamp(), attributeData());
      written++;
    } else {
      const line = event(userId());
      if (recentEvents.length === DUPLICATE_RING) recentEvents[int(DUPLICATE_RING)] = line;
      else recentEvents.push(line);
      yield line;
      written++;
    }
  }
}

/** Compact JSON with `&`, `<`, `>` escaped, as in the datasets (written by Go's encoder). */
function encode(item: Record<string, unknown>): string {
  return JSON.stringify(item).replace(/[&<>]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

/** One line the parser must reject (or, for blank lines, ignore) without losing its neighbours. */
function badLine(random: () => number, pick: <T>(list: readonly T[]) => T, good: string): string {
  const item = JSON.parse(good) as Record<string, unknown>;
  const kinds: (() => string)[] = [
    () => good.slice(0, Math.floor(good.length / 2)), // truncated JSON
    () => "[1,2,3]",
    () => '"just a string"',
    () => "",
    () => "   ",
    () => JSON.stringify({ ...item, type: "page" }),
    () => JSON.stringify({ ...item, type: "attributes", user_id: undefined }),
    () => JSON.stringify({ ...item, user_id: { id: 1 } }),
    () => JSON.stringify({ ...item, id: undefined }),
    () => JSON.stringify({ ...item, timestamp: "yesterday" }),
    () => JSON.stringify({ ...item, data: pick([null, [1], "x"]) }),
    () => JSON.stringify({ ...item, name: undefined }),
    () => JSON.stringify({ ...item, type: "attributes", data: { nested: { not: "allowed" } } }),
    () => JSON.stringify({ ...item, name: "nul\u0000byte" }), // valid JSON the database cannot store
    () => JSON.stringify({ ...item, data: { half: "\ud83d" } }),
  ];
  return kinds[Math.floor(random() * kinds.length)]();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      lines: { type: "string" },
      users: { type: "string", default: "10000" },
      seed: { type: "string", default: "1" },
      out: { type: "string" },
      "bad-lines": { type: "boolean", default: false },
    },
  });
  const lines = Number(values.lines);
  const users = Number(values.users);
  const seed = Number(values.seed);
  if (!values.out || !Number.isInteger(lines) || lines < 0 || !Number.isInteger(users) || users < 1 || !Number.isInteger(seed)) {
    process.stderr.write("usage: generate-activity --lines N [--users U] [--seed S] [--bad-lines] --out FILE\n");
    process.exit(2);
  }
  const out = fs.createWriteStream(values.out);
  const started = Date.now();
  let lastReport = started;
  let count = 0;
  let chunk = "";
  for await (const line of generateActivity({ lines, users, seed, badLines: values["bad-lines"] })) {
    chunk += line + "\n";
    count++;
    if (chunk.length >= 1 << 18) {
      // Waiting for "drain" keeps memory flat however many lines are asked for.
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
      if (Date.now() - lastReport >= 1000) {
        lastReport = Date.now();
        process.stderr.write(`${count} / ${lines} lines (${((100 * count) / lines).toFixed(1)}%)\n`);
      }
    }
  }
  out.end(chunk);
  await finished(out);
  process.stderr.write(`${count} lines written to ${values.out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  });
}
