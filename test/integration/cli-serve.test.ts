import { ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";

const CLI = path.resolve(__dirname, "../../dist/src/cli.js");

/** Starts `conflux serve` as a user would (npm start runs exactly this after building) and collects its lines. */
function serve(env: Record<string, string>): { child: ChildProcess; lines: string[]; waitFor(re: RegExp): Promise<string> } {
  const child = spawn(process.execPath, [CLI, "serve"], {
    env: { ...process.env, CONFLUX_LOG_LEVEL: "warn", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const waiters: { re: RegExp; resolve: (l: string) => void }[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    readline.createInterface({ input: stream }).on("line", (line) => {
      lines.push(line);
      for (const w of waiters.filter((w) => w.re.test(line))) w.resolve(line);
    });
  }
  return {
    child,
    lines,
    waitFor: (re) =>
      new Promise((resolve, reject) => {
        const hit = lines.find((l) => re.test(l));
        if (hit) return resolve(hit);
        waiters.push({ re, resolve });
        child.once("exit", (code) => reject(new Error(`conflux exited with ${code}: ${lines.join("\n")}`)));
      }),
  };
}

function stop(child: ChildProcess): Promise<number | string | null> {
  return new Promise((resolve) => {
    child.once("exit", (code, signal) => resolve(code ?? signal));
    child.kill("SIGTERM");
  });
}

const describeBuilt = fs.existsSync(CLI) ? describe : describe.skip;

describeBuilt("conflux serve on the embedded database", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "conflux-serve-"));
  const env = { CONFLUX_DATA_DIR: dataDir, DATABASE_URL: "" };

  it("prints its URL and, the first time only, the admin key that answers viewer", async () => {
    const first = serve(env);
    const listening = await first.waitFor(/^Conflux listening on /);
    const keyLine = await first.waitFor(/^Admin API key \(shown once\): /);
    const url = /^Conflux listening on (http:\/\/localhost:\d+\/graphql)$/.exec(listening)![1];
    const key = keyLine.split(": ")[1];
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: "{ viewer { account { name } } }" }),
    });
    expect(await res.json()).toEqual({ data: { viewer: { account: { name: "default" } } } });
    const consoleUrl = /^Web console at (\S+)$/.exec(await first.waitFor(/^Web console at /))![1];
    const page = await fetch(consoleUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<title>Conflux console</title>");
    expect(await stop(first.child)).toBe(0);
    expect(fs.statSync(path.join(dataDir, "secret.key")).mode & 0o777).toBe(0o600);

    const second = serve(env);
    await second.waitFor(/^Conflux listening on /);
    expect(second.lines.some((l) => l.startsWith("Admin API key"))).toBe(false);
    const exit = await stop(second.child);
    if (exit !== 0) throw new Error(`second start exited with ${exit}:\n${second.lines.join("\n")}`);
  }, 120_000);
});
