import { DelayMs, FakeMockstagramOptions, startFakeMockstagram } from "./mockstagram";

/**
 * Runs the Mockstagram fake as its own process, so a benchmark measures the client and not a fake sharing its event
 * loop. `npm run build` compiles it to dist/test/fakes/mockstagram-process.js.
 *
 *   node dist/test/fakes/mockstagram-process.js [--port N] [--latency-ms MS|MIN,MAX] [--capacity N]
 *     [--failure-rate R] [--not-found-status 400|500] [--classifier-delay-ms MS|MIN,MAX] [--seed N]
 *
 * Prints exactly one line to stdout once listening, `{"url":"http://127.0.0.1:PORT"}`, and nothing else there, so
 * a parent can read the first line as JSON. Exits 0 after closing on SIGTERM or SIGINT; 2 on bad arguments.
 */

const USAGE =
  "usage: mockstagram-process [--port N] [--latency-ms MS|MIN,MAX] [--capacity N] [--failure-rate R] " +
  "[--not-found-status 400|500] [--classifier-delay-ms MS|MIN,MAX] [--seed N]";

class UsageError extends Error {}

function number(flag: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value)) throw new UsageError(`${flag} needs a number, got "${raw}"`);
  return value;
}

/** `50` or `10,100`. */
function delay(flag: string, raw: string): DelayMs {
  const parts = raw.split(",");
  if (parts.length === 1) return number(flag, parts[0]);
  if (parts.length === 2) return [number(flag, parts[0]), number(flag, parts[1])];
  throw new UsageError(`${flag} needs MS or MIN,MAX, got "${raw}"`);
}

/** Accepts `--flag value` and `--flag=value`. */
function parseArgs(argv: readonly string[]): FakeMockstagramOptions {
  const options: FakeMockstagramOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf("=");
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    let raw: string;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else if (i + 1 < argv.length) raw = argv[++i];
    else throw new UsageError(`${flag} needs a value`);
    switch (flag) {
      case "--port":
        options.port = number(flag, raw);
        break;
      case "--latency-ms":
        options.latencyMs = delay(flag, raw);
        break;
      case "--capacity":
        options.capacity = number(flag, raw);
        break;
      case "--failure-rate":
        options.failureRate = number(flag, raw);
        break;
      case "--not-found-status": {
        const status = number(flag, raw);
        if (status !== 400 && status !== 500) throw new UsageError(`${flag} must be 400 or 500`);
        options.notFoundStatus = status;
        break;
      }
      case "--classifier-delay-ms":
        options.classifierDelayMs = delay(flag, raw);
        break;
      case "--seed":
        options.seed = number(flag, raw);
        break;
      default:
        throw new UsageError(`unknown argument ${arg}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  let options: FakeMockstagramOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const fake = await startFakeMockstagram(options);
  const stop = (): void => {
    // Closing drops the server and its sockets; nothing else holds the event loop, so the process then exits.
    void fake.close();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  process.stdout.write(`${JSON.stringify({ url: fake.url })}\n`);
}

main().catch((error: unknown) => {
  // Bad option values (RangeError) and a port in use end up here.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
