import "reflect-metadata";
import { Command } from "commander";
import { loadConfig } from "./config";
import { Conflux, StartOptions } from "./server";
import cliProgress from "cli-progress";
import { importCompaniesFile } from "./cli-companies";
import { AccountScope } from "./db/account-scope";
import { Role } from "./entities/api-key";
import { DEFAULT_ACCOUNT } from "./services/accounts/account-service";
import { describeImport, importActivityFile } from "./cli-import";
import { verifyCustomers } from "./cli-verify";
import { queueFailureHandler } from "./jobs/queue";

const program = new Command("conflux").description("Conflux: one GraphQL source of truth for customer data");

/** Builds Conflux from the environment; CLI commands other than serve/worker log only warnings. */
async function boot(quiet = true): Promise<Conflux> {
  const config = loadConfig();
  if (quiet && !process.env.CONFLUX_LOG_LEVEL) config.logLevel = "warn";
  return new Conflux({ config }).init();
}

async function runUntilSignal(roles: StartOptions): Promise<void> {
  const conflux = await boot(false);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    conflux.logger.info({ signal }, "shutting down");
    try {
      await conflux.stop();
      process.exit(0);
    } catch (err) {
      conflux.logger.error({ err }, "shutdown failed");
      process.exit(1);
    }
  };
  // Registered before anything is announced, so a signal right after start-up still shuts down cleanly.
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("unhandledRejection", queueFailureHandler(conflux.logger));
  if (roles.http) {
    const { issued } = await conflux.services.accounts.ensureDefaultAccount();
    await conflux.start(roles);
    console.log(`Conflux listening on http://localhost:${conflux.port}/graphql`);
    console.log(`Web console at http://localhost:${conflux.port}/`);
    if (issued) console.log(`Admin API key (shown once): ${issued.key}`);
  } else {
    await conflux.start(roles);
    console.log("Conflux worker started");
  }
}

async function scopeOfAccount(conflux: Conflux, name: string): Promise<AccountScope> {
  const account = await conflux.services.accounts.findAccountByName(name);
  return AccountScope.of(conflux.services.dataSource, account.id);
}

async function withConflux(work: (conflux: Conflux) => Promise<void>): Promise<void> {
  const conflux = await boot();
  try {
    // Commands run against a fresh data directory too; its default account's key is then shown here, once.
    const { issued } = await conflux.services.accounts.ensureDefaultAccount();
    if (issued) console.log(`Admin API key (shown once): ${issued.key}`);
    await work(conflux);
  } finally {
    await conflux.stop();
  }
}

program
  .command("serve")
  .description("start the API server with workers and the scheduler (the default of npm start)")
  .action(async () => {
    const config = loadConfig();
    await runUntilSignal({ http: true, workers: config.runWorkers, scheduler: config.runScheduler });
  });

program
  .command("worker")
  .description("run job consumers only; start more of these to scale out against one PostgreSQL")
  .action(() => runUntilSignal({ workers: true, scheduler: loadConfig().runScheduler }));

program
  .command("migrate")
  .description("apply pending migrations and exit")
  .action(() => withConflux(async () => console.log("migrations are up to date")));

const accounts = program.command("accounts").description("manage accounts");
accounts
  .command("create")
  .requiredOption("--name <name>", "account name")
  .action((opts: { name: string }) =>
    withConflux(async (c) => {
      const account = await c.services.accounts.createAccount(opts.name);
      console.log(`Account ${account.name} created (${account.id})`);
    }),
  );

const keys = program.command("keys").description("manage API keys");
keys
  .command("create")
  .requiredOption("--account <name>", "account name")
  .option("--name <name>", "key name", "cli")
  .option("--role <role>", "ADMIN or MEMBER", "ADMIN")
  .action((opts: { account: string; name: string; role: string }) =>
    withConflux(async (c) => {
      const role = opts.role.toUpperCase();
      if (role !== "ADMIN" && role !== "MEMBER") throw new Error("--role must be ADMIN or MEMBER");
      const account = await c.services.accounts.findAccountByName(opts.account);
      const { key } = await c.services.accounts.issueKey(AccountScope.of(c.services.dataSource, account.id), opts.name, role as Role);
      console.log(`API key for ${account.name} (${role}, shown once): ${key}`);
    }),
  );

const importCommand = program.command("import").description("bulk imports");
importCommand
  .command("activity <file>")
  .description("stream an NDJSON activity file (.gz too) into an account's customers")
  .option("--account <name>", "account name", DEFAULT_ACCOUNT)
  .option("--no-progress", "no progress bar")
  .action((file: string, opts: { account: string; progress: boolean }) =>
    withConflux(async (c) => {
      const started = Date.now();
      const result = await importActivityFile(c, await scopeOfAccount(c, opts.account), file, opts.progress && process.stderr.isTTY);
      console.log(describeImport(result, (Date.now() - started) / 1000));
      if (result.status !== "SUCCEEDED") process.exitCode = 1;
    }),
  );

importCommand
  .command("companies <file>")
  .description("upload companies from a CSV or JSONL file (.gz too), keyed by domain")
  .option("--account <name>", "account name", DEFAULT_ACCOUNT)
  .option("--no-progress", "no progress bar")
  .action((file: string, opts: { account: string; progress: boolean }) =>
    withConflux(async (c) => {
      const n = await importCompaniesFile(c, await scopeOfAccount(c, opts.account), file, opts.progress && process.stderr.isTTY);
      console.log(`imported ${n} companies`);
    }),
  );

program
  .command("reprocess <what>")
  .description("identify archived events again with today's companies and noise rules (what: events)")
  .requiredOption("--since <date>", "first day to reprocess (ISO date)")
  .option("--account <name>", "account name", DEFAULT_ACCOUNT)
  .option("--no-progress", "no progress bar")
  .action((what: string, opts: { since: string; account: string; progress: boolean }) =>
    withConflux(async (c) => {
      if (what !== "events") throw new Error(`cannot reprocess ${what}; try: events`);
      const since = new Date(opts.since);
      if (Number.isNaN(since.getTime())) throw new Error("--since must be an ISO date");
      const bar = new cliProgress.SingleBar({ format: "events {bar} {value}/{total}", hideCursor: true }, cliProgress.Presets.shades_classic);
      const show = opts.progress && process.stderr.isTTY;
      let barStarted = false;
      const n = await c.services.eventIngestion.reprocess(await scopeOfAccount(c, opts.account), since, (done, total) => {
        if (!show) return;
        if (barStarted) return bar.update(done);
        bar.start(total, done);
        barStarted = true;
      });
      if (barStarted) bar.stop();
      console.log(`reprocessed ${n} events since ${since.toISOString().slice(0, 10)}`);
    }),
  );

program
  .command("rebuild <what>")
  .description("recompute summaries from the raw archive (what: customers)")
  .option("--account <name>", "account name", DEFAULT_ACCOUNT)
  .action((what: string, opts: { account: string }) =>
    withConflux(async (c) => {
      if (what !== "customers") throw new Error(`cannot rebuild ${what}; try: customers`);
      const rebuilt = await c.services.activity.rebuild(await scopeOfAccount(c, opts.account));
      console.log(`rebuilt ${rebuilt.customers} customers from ${rebuilt.items} archived items`);
    }),
  );

program
  .command("verify <csv>")
  .description("compare an account's customers with a verification CSV (.gz too)")
  .option("--account <name>", "account name", DEFAULT_ACCOUNT)
  .action((csv: string, opts: { account: string }) =>
    withConflux(async (c) => {
      const report = await verifyCustomers(c, await scopeOfAccount(c, opts.account), csv);
      console.log(report.text);
      if (!report.ok) process.exitCode = 1;
    }),
  );

program.parseAsync(process.argv).catch((error: Error) => {
  console.error(`conflux: ${error.message}`);
  process.exit(1);
});
