import type { Browser, Page } from "playwright-core";
import { AccountScope } from "../../src/db/account-scope";
import { FakeMailchimp } from "../fakes/mailchimp";
import { startTestConflux, TestConflux } from "../helpers/test-conflux";
import { checkPage, describeInBrowser, goTo, launchBrowser, openConsole, seriousViolations } from "./console-browser";
import { collectValues, describeFields, fieldForPath, initialValues } from "../../web/src/pages/connections/schema-fields";

/**
 * The console's connections area in Chromium against a Conflux with workers and the fake Mailchimp: registering
 * through the form rendered from the kind's JSON Schemas, a sync watched live over graphql-ws, the list with
 * health and open alerts (live), validation messages from the form and from the server, and what a MEMBER sees
 * and may do (Sync now, but none of the admin actions).
 */

const KEY = "0123456789abcdef0123456789abcdef-us6";
const LIST = "console-audience";
const MEMBERS = 37;

const CONNECTION = `query ($id: ID!) { connection(id: $id) { health syncedRecords { count } lastRun { status fetched created error } } }`;
const REGISTER = `mutation ($kind: String!, $name: String!, $config: JSON!, $secret: JSON, $failuresBeforeAlert: Int) {
  registerConnection(kind: $kind, name: $name, config: $config, secret: $secret, failuresBeforeAlert: $failuresBeforeAlert) { id }
}`;
const COUNT = `{ connections { totalCount } }`;

describeInBrowser("connections console", () => {
  let t: TestConflux;
  let browser: Browser;
  let mailchimp: FakeMailchimp;
  let mailchimpUrl: string;

  beforeAll(async () => {
    // Every source call waits a little, so a run stays RUNNING long enough to be seen.
    mailchimp = new FakeMailchimp({ keys: [KEY], latencyMs: 250 });
    mailchimpUrl = await mailchimp.start();
    mailchimp.addList(LIST, "Console audience");
    mailchimp.addMembers(LIST, MEMBERS);
    t = await startTestConflux({ workers: true });
    // A failed run is final at once, so a failing connection opens its alert without waiting for retries.
    await t.conflux.queue.boss.updateQueue("connection-sync", { name: "connection-sync", retryLimit: 0 });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await mailchimp?.stop();
  });

  async function registerByApi(name: string, config: Record<string, unknown>, secret: Record<string, unknown>, failuresBeforeAlert?: number) {
    const res = await t.gql<{ registerConnection: { id: string } }, Record<string, unknown>>(REGISTER, {
      kind: "mailchimp",
      name,
      config,
      secret,
      failuresBeforeAlert,
    });
    expect(res.errors).toBeUndefined();
    return res.data!.registerConnection.id;
  }

  /** A text input by its accessible name (the label without its required mark). */
  const textbox = (page: Page, name: string) => page.getByRole("textbox", { name, exact: true });

  /** Records every status the latest-run panel shows, in order, from the DOM itself (nothing is missed). */
  async function recordRunStatuses(page: Page): Promise<void> {
    await page.evaluate(() => {
      const w = window as unknown as { runStatuses: string[] };
      w.runStatuses = [];
      const region = document.querySelector('[data-testid="latest-run"]')!;
      const note = () => {
        const status = region.querySelector("[data-status]")?.getAttribute("data-status");
        if (status && w.runStatuses[w.runStatuses.length - 1] !== status) w.runStatuses.push(status);
      };
      note();
      new MutationObserver(note).observe(region, { subtree: true, childList: true, attributes: true, characterData: true });
    });
  }

  it("registers a Mailchimp connection through the form, tests it and watches a sync run live", async () => {
    const page = await openConsole(browser, t.baseUrl, t.adminKey);
    const frames: string[] = [];
    page.on("websocket", (ws) => ws.on("framereceived", (frame) => frames.push(String(frame.payload))));

    await goTo(page, "/connections", "Connections");
    await page.getByRole("link", { name: "Register connection" }).click();
    await page.getByRole("heading", { level: 1, name: "Register a connection" }).waitFor();
    await page.getByLabel("Connector kind").selectOption("mailchimp");
    // The form comes from the kind's schemas: required marks, defaults, the secret as a password input.
    const listId = textbox(page, "List ID");
    expect(await listId.getAttribute("aria-required")).toBe("true");
    expect(await textbox(page, "Page size").inputValue()).toBe("1000");
    expect(await textbox(page, "Overlap seconds").inputValue()).toBe("120");
    expect(await textbox(page, "API key").getAttribute("type")).toBe("password");
    expect(await textbox(page, "Base URL").getAttribute("aria-required")).toBeNull();

    await textbox(page, "Name").fill("Newsletter");
    await listId.fill(LIST);
    await textbox(page, "Base URL").fill(mailchimpUrl);
    await textbox(page, "API key").fill(KEY);
    await checkPage(page, "connection-register");
    await page.getByRole("button", { name: "Register connection" }).click();

    await page.getByRole("heading", { level: 1, name: "Newsletter" }).waitFor();
    const id = /#\/connections\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
    expect(id).toBeDefined();
    await page.getByText("No runs yet.", { exact: false }).first().waitFor();
    // Settings are shown, the secret never.
    expect(await page.locator("main").textContent()).toContain(LIST);
    expect(await page.locator("main").textContent()).not.toContain(KEY);

    await page.getByRole("button", { name: "Test" }).click();
    await page.getByTestId("action-outcome").getByText(`Test passed: audience Console audience: ${MEMBERS} subscribed members`).waitFor();

    // Sync now, then the run goes QUEUED → RUNNING → SUCCEEDED on this same document, without a reload.
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await recordRunStatuses(page);
    await page.getByRole("button", { name: "Sync now" }).click();
    await page.locator('[data-testid="latest-run-status"]:is([data-status="QUEUED"], [data-status="RUNNING"])').waitFor();
    await page.locator('[data-testid="latest-run-status"][data-status="SUCCEEDED"]').waitFor({ timeout: 30_000 });
    const statuses = await page.evaluate(() => (window as unknown as { runStatuses: string[] }).runStatuses);
    expect(statuses[0]).toMatch(/^(QUEUED|RUNNING)$/);
    expect(statuses).toContain("RUNNING");
    expect(statuses[statuses.length - 1]).toBe("SUCCEEDED");
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    // The states came over the syncRunUpdated subscription, not from polling.
    const events = frames.filter((f) => f.includes('"syncRunUpdated"'));
    expect(events.some((f) => f.includes('"RUNNING"'))).toBe(true);
    expect(events.some((f) => f.includes('"SUCCEEDED"'))).toBe(true);

    expect(await page.getByTestId("latest-run-counts").textContent()).toContain(`${MEMBERS} fetched · ${MEMBERS} created`);
    const row = page.locator('table.run-table tbody tr[data-status="SUCCEEDED"]').first();
    expect(await row.locator('[data-count="fetched"]').textContent()).toBe(String(MEMBERS));
    expect(await row.locator('[data-count="created"]').textContent()).toBe(String(MEMBERS));
    // The settled run refreshes health and what the connection holds.
    await page.getByTestId("connection-health").getByText("HEALTHY").waitFor();
    await page.getByTestId("synced-records").getByText(String(MEMBERS), { exact: true }).waitFor();

    const api = await t.gql<{ connection: { health: string; syncedRecords: { count: number }; lastRun: { status: string; fetched: number } } }, { id: string }>(
      CONNECTION,
      { id: id! },
    );
    expect(api.data?.connection).toMatchObject({ health: "HEALTHY", syncedRecords: { count: MEMBERS }, lastRun: { status: "SUCCEEDED", fetched: MEMBERS } });
    await checkPage(page, "connection-page");

    // The list shows it with its health and last run.
    await page.getByRole("main").getByRole("link", { name: "Connections", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Connections" }).waitFor();
    const listed = page.locator(`tr[data-connection-id="${id}"]`);
    await listed.waitFor();
    expect(await listed.getByRole("link").textContent()).toBe("Newsletter");
    expect(await listed.textContent()).toContain("mailchimp");
    expect(await listed.locator(".badge").first().textContent()).toBe("HEALTHY");
    expect(await listed.textContent()).toMatch(new RegExp(`SUCCEEDED\\s*${MEMBERS} fetched`));
    await page.context().close();
  });

  it("shows a failing connection's run and its FAILING alert on the list as they happen", async () => {
    const page = await openConsole(browser, t.baseUrl, t.adminKey);
    await goTo(page, "/connections", "Connections");
    await page.getByText("No open alerts").waitFor();
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    const id = await registerByApi("Wrong key", { listId: LIST, baseUrl: mailchimpUrl }, { apiKey: "not-the-key-us6" }, 1);
    await t.gql(`mutation ($id: ID!) { triggerSync(id: $id) { id } }`, { id });

    const alert = page.locator("table.alert-table tbody tr", { hasText: "Wrong key" });
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toContain("FAILING");
    expect(await alert.textContent()).toContain("1 consecutive sync runs failed");
    await page.getByRole("heading", { name: "Open alerts (1)" }).waitFor();
    const listed = page.locator(`tr[data-connection-id="${id}"]`);
    await listed.getByText("FAILED").waitFor();
    expect(await listed.textContent()).toMatch(/401/);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await checkPage(page, "connections-list");

    // The connection's own page shows the failed run with its error and the alert.
    await alert.getByRole("link", { name: "Wrong key" }).click();
    await page.getByRole("heading", { level: 1, name: "Wrong key" }).waitFor();
    expect(await page.getByTestId("latest-run-status").getAttribute("data-status")).toBe("FAILED");
    expect(await page.locator("table.run-table .run-error").first().textContent()).toMatch(/401/);
    await page.locator("table.alert-table").getByText("FAILING").waitFor();
    expect(await page.getByTestId("connection-health").textContent()).toBe("FAILING");
    await page.context().close();
  });

  it("shows the form's own messages for missing and mistyped fields, and the server's next to the field it names", async () => {
    const before = (await t.gql<{ connections: { totalCount: number } }, never>(COUNT)).data!.connections.totalCount;
    const page = await openConsole(browser, t.baseUrl, t.adminKey);
    await goTo(page, "/connections/new", "Register a connection");
    await page.getByLabel("Connector kind").selectOption("mailchimp");
    await textbox(page, "Name").fill("Incomplete");
    await textbox(page, "Page size").fill("many");
    await page.getByRole("button", { name: "Register connection" }).click();

    const listId = textbox(page, "List ID");
    await page.locator("#field-config-listId-error").getByText("List ID is required.").waitFor();
    expect(await listId.getAttribute("aria-invalid")).toBe("true");
    expect(await listId.getAttribute("aria-describedby")).toContain("field-config-listId-error");
    expect(await listId.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator("#field-config-pageSize-error").textContent()).toBe("Page size must be a whole number.");
    expect(await page.locator("#field-secret-apiKey-error").textContent()).toBe("API key is required.");
    expect(await page.getByRole("alert").textContent()).toContain("3 fields need attention");

    // Fixing a field clears its message; a value only the server can judge comes back next to its field.
    await listId.fill(LIST);
    expect(await page.locator("#field-config-listId-error").count()).toBe(0);
    await textbox(page, "Page size").fill("1000");
    await textbox(page, "API key").fill(KEY);
    await textbox(page, "Schedule").fill("61 * * * *");
    await page.getByRole("button", { name: "Register connection" }).click();
    await page.locator("#field-schedule-error").getByText("invalid cron expression", { exact: false }).waitFor();
    expect(await textbox(page, "Schedule").getAttribute("aria-invalid")).toBe("true");

    // A taken name is the server's CONFLICT, shown at the name.
    await registerByApi("Taken name", { listId: LIST, baseUrl: mailchimpUrl }, { apiKey: KEY });
    await textbox(page, "Schedule").fill("");
    await textbox(page, "Name").fill("Taken name");
    await page.getByRole("button", { name: "Register connection" }).click();
    await page.locator("#field-name-error").getByText("already exists", { exact: false }).waitFor();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Register a connection");
    const after = (await t.gql<{ connections: { totalCount: number } }, never>(COUNT)).data!.connections.totalCount;
    expect(after).toBe(before + 1); // only the one registered through the API
    await page.context().close();
  });

  it("renders an accessible form from the schemas of every connector kind", async () => {
    const kinds = (await t.gql<{ connectorKinds: { kind: string }[] }, never>(`{ connectorKinds { kind } }`)).data!.connectorKinds;
    const page = await openConsole(browser, t.baseUrl, t.adminKey);
    await goTo(page, "/connections/new", "Register a connection");
    for (const { kind } of kinds) {
      await page.getByLabel("Connector kind").selectOption(kind);
      await page.locator(`form.register-form`).getByRole("group", { name: "Credentials" }).waitFor();
      expect({ kind, violations: await seriousViolations(page) }).toEqual({ kind, violations: [] });
    }

    // Salesforce: a set of enum values as checkboxes with its default, every secret a password input.
    await page.getByLabel("Connector kind").selectOption("salesforce");
    const objects = page.getByRole("group", { name: "Objects" });
    expect(await objects.getByRole("checkbox", { name: "Account" }).isChecked()).toBe(true);
    expect(await objects.getByRole("checkbox", { name: "Contact" }).isChecked()).toBe(true);
    const secrets = page.getByRole("group", { name: "Credentials" }).locator("input");
    expect(await secrets.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).type))).toEqual(Array(5).fill("password"));

    // The enrichment pipeline: a union as a JSON text area, a required set of values, a checkbox from a boolean.
    await page.getByLabel("Connector kind").selectOption("enrichment-pipeline");
    expect(await page.getByRole("checkbox", { name: "Write back" }).isChecked()).toBe(true);
    await textbox(page, "Name").fill("Pipeline");
    const source = textbox(page, "Source");
    expect(await page.locator(`#${await source.getAttribute("id")}-hint`).textContent()).toBe(
      'JSON: one of { kind: "customers-missing", attribute?, limit? } or { kind: "records-url", url, recordsPath? }.',
    );
    await source.fill("{ not json");
    await page.getByRole("button", { name: "Register connection" }).click();
    expect(await page.locator("#field-config-source-error").textContent()).toBe("Source must be valid JSON.");
    expect(await page.locator("#field-config-fields-error").textContent()).toBe("Choose at least one value for Fields.");
    await page.context().close();
  });

  it("lets a MEMBER see the list and a connection and Sync now (followed live), without Register, Test, Pause, Resume or Delete", async () => {
    const id = await registerByApi("Member visible", { listId: LIST, baseUrl: mailchimpUrl }, { apiKey: KEY });
    const scope = AccountScope.of(t.conflux.services.dataSource, t.defaultAccountId);
    const { key } = await t.conflux.services.accounts.issueKey(scope, "member", "MEMBER");
    const page = await openConsole(browser, t.baseUrl, key);
    const frames: string[] = [];
    page.on("websocket", (ws) => ws.on("framereceived", (frame) => frames.push(String(frame.payload))));
    expect(await page.locator(".role").textContent()).toBe("MEMBER");

    await goTo(page, "/connections", "Connections");
    const listed = page.locator(`tr[data-connection-id="${id}"]`);
    await listed.waitFor();
    expect(await listed.getByRole("link").textContent()).toBe("Member visible");
    expect(await page.getByRole("link", { name: "Register connection" }).count()).toBe(0);

    await listed.getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: "Member visible" }).waitFor();
    await page.getByRole("heading", { name: "Recent runs" }).waitFor();
    await page.getByText("No runs yet. Sync now starts the first.").waitFor();
    // Syncing is the API's to any role; the admin actions are not there.
    expect(await page.getByRole("button", { name: "Sync now", exact: true }).count()).toBe(1);
    for (const name of ["Test", "Pause", "Resume", "Delete"]) {
      expect(await page.getByRole("button", { name, exact: true }).count()).toBe(0);
    }

    // Sync now queues a run, followed live on this same document as for an admin.
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await recordRunStatuses(page);
    await page.getByRole("button", { name: "Sync now", exact: true }).click();
    await page.getByTestId("action-outcome").getByText("Sync requested: its progress shows under Latest run.").waitFor();
    await page.locator('[data-testid="latest-run-status"]:is([data-status="QUEUED"], [data-status="RUNNING"])').waitFor();
    await page.locator('[data-testid="latest-run-status"][data-status="SUCCEEDED"]').waitFor({ timeout: 30_000 });
    const statuses = await page.evaluate(() => (window as unknown as { runStatuses: string[] }).runStatuses);
    expect(statuses[0]).toMatch(/^(QUEUED|RUNNING)$/);
    expect(statuses[statuses.length - 1]).toBe("SUCCEEDED");
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(frames.some((f) => f.includes('"syncRunUpdated"') && f.includes('"SUCCEEDED"'))).toBe(true);
    expect(await page.getByTestId("latest-run-counts").textContent()).toContain(`${MEMBERS} fetched`);
    await page.locator('table.run-table tbody tr[data-status="SUCCEEDED"]').first().waitFor();
    await page.getByTestId("connection-health").getByText("HEALTHY").waitFor();
    for (const name of ["Test", "Pause", "Resume", "Delete"]) {
      expect(await page.getByRole("button", { name, exact: true }).count()).toBe(0);
    }

    // The API agrees: one run, the member's, and it succeeded.
    const api = await t.gql<
      { connection: { health: string; syncedRecords: { count: number }; lastRun: { status: string; fetched: number }; runs: { status: string }[] } },
      { id: string }
    >(`query ($id: ID!) { connection(id: $id) { health syncedRecords { count } lastRun { status fetched } runs { status } } }`, { id }, key);
    expect(api.errors).toBeUndefined();
    expect(api.data?.connection).toMatchObject({
      health: "HEALTHY",
      syncedRecords: { count: MEMBERS },
      lastRun: { status: "SUCCEEDED", fetched: MEMBERS },
      runs: [{ status: "SUCCEEDED" }],
    });

    await goTo(page, "/connections/new", "Register a connection");
    await page.getByText("Only an admin of this account can register connections.").waitFor();
    expect(await page.getByLabel("Connector kind").count()).toBe(0);
    await page.context().close();
  });

  it("deletes a connection after a confirmation, and pauses and resumes one", async () => {
    const id = await registerByApi("Short lived", { listId: LIST, baseUrl: mailchimpUrl }, { apiKey: KEY });
    const page = await openConsole(browser, t.baseUrl, t.adminKey);
    await goTo(page, `/connections/${id}`, "Short lived");

    await page.getByRole("button", { name: "Pause", exact: true }).click();
    await page.getByRole("button", { name: "Resume", exact: true }).waitFor();
    await page.getByTestId("connection-health").getByText("PAUSED").waitFor();
    await page.getByRole("button", { name: "Resume", exact: true }).click();
    await page.getByRole("button", { name: "Pause", exact: true }).waitFor();
    expect(await page.getByTestId("connection-health").textContent()).not.toBe("PAUSED");

    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const confirm = page.getByRole("button", { name: "Delete connection" });
    expect(await confirm.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole("button", { name: "Cancel" }).click();
    expect(await confirm.count()).toBe(0);
    expect((await t.gql(CONNECTION, { id })).errors).toBeUndefined();

    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await confirm.click();
    await page.getByRole("heading", { level: 1, name: "Connections" }).waitFor();
    await page.getByRole("heading", { name: "All connections" }).waitFor();
    expect(await page.locator(`tr[data-connection-id="${id}"]`).count()).toBe(0);
    expect((await t.gql(CONNECTION, { id })).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    await page.context().close();
  });
});

describe("connection form from JSON Schema", () => {
  const config = {
    type: "object",
    properties: {
      listId: { type: "string", minLength: 1 },
      baseUrl: { type: "string", format: "uri", description: "Overrides the data centre" },
      pageSize: { default: 1000, type: "integer", minimum: 50, maximum: 1000 },
      ratio: { type: "number", exclusiveMinimum: 0 },
      writeBack: { default: true, type: "boolean" },
      mode: { type: "string", enum: ["fast", "safe"] },
      objects: { default: ["Account"], minItems: 1, type: "array", items: { type: "string", enum: ["Account", "Contact"] } },
      headers: { default: {}, type: "object", additionalProperties: { type: "string" } },
    },
    required: ["listId", "mode"],
  };

  it("describes each property as a field with its kind, required mark, default and hint", () => {
    const fields = describeFields(config, "config");
    expect(fields.map((f) => [f.key, f.kind, f.required])).toEqual([
      ["config.listId", "string", true],
      ["config.baseUrl", "string", false],
      ["config.pageSize", "integer", false],
      ["config.ratio", "number", false],
      ["config.writeBack", "boolean", false],
      ["config.mode", "enum", true],
      ["config.objects", "multi-enum", false],
      ["config.headers", "json", false],
    ]);
    expect(fields[0].label).toBe("List ID");
    expect(fields[1]).toMatchObject({ label: "Base URL", description: "Overrides the data centre", format: "uri" });
    expect(fields[5].options).toEqual(["fast", "safe"]);
    expect(initialValues(fields)).toEqual({
      "config.listId": "",
      "config.baseUrl": "",
      "config.pageSize": "1000",
      "config.ratio": "",
      "config.writeBack": true,
      "config.mode": "",
      "config.objects": ["Account"],
      "config.headers": "{}",
    });
    expect(describeFields({ type: "object", properties: { apiKey: { type: "string" } } }, "secret", { secret: true })[0]).toMatchObject({
      label: "API key",
      secret: true,
    });
  });

  it("turns the values into typed JSON, or into a message per field", () => {
    const fields = describeFields(config, "config");
    const values = { ...initialValues(fields), "config.listId": " abc ", "config.mode": "safe", "config.ratio": "0.5", "config.headers": '{"x":"1"}' };
    expect(collectValues(fields, values)).toEqual({
      value: { listId: "abc", pageSize: 1000, ratio: 0.5, writeBack: true, mode: "safe", objects: ["Account"], headers: { x: "1" } },
      errors: {},
    });
    const bad = {
      ...values,
      "config.listId": "",
      "config.baseUrl": "not a url",
      "config.pageSize": "10",
      "config.ratio": "0",
      "config.objects": [],
      "config.headers": "[1]",
    };
    expect(collectValues(fields, bad).errors).toEqual({
      "config.listId": "List ID is required.",
      "config.baseUrl": "Base URL must be a full URL, such as https://example.com.",
      "config.pageSize": "Page size must be at least 50.",
      "config.ratio": "Ratio must be more than 0.",
      "config.objects": "Choose at least one value for Objects.",
      "config.headers": "Headers must be a JSON object ({ … }).",
    });
  });

  it("finds the field a server error's path names", () => {
    const keys = ["name", "config.listId", "config.response"];
    expect(fieldForPath("config.listId", keys)).toBe("config.listId");
    expect(fieldForPath("config.response.fields.x", keys)).toBe("config.response");
    expect(fieldForPath("secret.apiKey", keys)).toBeUndefined();
  });
});
