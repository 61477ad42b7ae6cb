import type { Browser, Locator, Page } from "playwright-core";
import { eventually, startTestConflux, TestConflux } from "../helpers/test-conflux";
import { startEnrichmentVendor, FakeEnrichmentVendor } from "../fakes/enrichment-vendor";
import {
  EnrichmentTransactionDocument,
  EnrichmentTransactionsDocument,
  RegisterConnectionDocument,
  SetEnrichmentWaterfallDocument,
  SubmitEnrichmentDocument,
} from "../generated/graphql";
import { checkPage, describeInBrowser, goTo, launchBrowser, openConsole } from "./console-browser";

/**
 * The console's enrichment area against a real Conflux with workers and a slow fake vendor: the list's progress
 * bars follow `enrichmentProgress` to completion without a reload, and a transaction's page shows its counters
 * and results as the API has them.
 */

const FIELDS = ["professional_email", "phone_number"];

let t: TestConflux;
let vendor: FakeEnrichmentVendor;
let browser: Browser;

function contacts(from: number, to: number, prefix: string): Record<string, string>[] {
  return Array.from({ length: to - from }, (_, k) => {
    const i = from + k;
    return { first_name: `${prefix}ada${i}`, last_name: `lovelace${i % 13}`, company_domain: `firm${i % 7}.example`, record_id: `${prefix}-${i}` };
  });
}

async function submit(erid: string, list: Record<string, string>[], numberOfRecords: number): Promise<void> {
  const res = await t.gql(SubmitEnrichmentDocument, { erid, contacts: list, fields: FIELDS, numberOfRecords });
  expect(res.errors).toBeUndefined();
}

async function transaction(erid: string, first = 25, after?: string) {
  const res = await t.gql(EnrichmentTransactionDocument, { erid, first, after });
  expect(res.errors).toBeUndefined();
  return res.data!.enrichmentTransaction;
}

const completed = (erid: string) =>
  eventually(async () => {
    const tx = await transaction(erid, 0);
    return tx.status === "COMPLETED" && tx;
  }, 60_000, 200);

beforeAll(async () => {
  // Slow on purpose: 400 ms an answer, one call at a time of five contacts, so 30 records take a few seconds.
  vendor = await startEnrichmentVendor({ seed: "e2e", latencyMs: 400, coverage: 0.7, fieldCoverage: { work_email: 1, mobile_phone: 0.6 } });
  t = await startTestConflux({ workers: true, env: { CONFLUX_ENRICHMENT_BATCH_SIZE: "10" }, enrichmentHttp: { backoffMs: 5 } });
  const registered = await t.gql(RegisterConnectionDocument, {
    kind: "http-enrichment",
    name: "slow vendor",
    secret: { apiKey: vendor.apiKey },
    config: {
      url: `${vendor.url}/v1/people/enrich`,
      headers: { "x-api-key": "{{apiKey}}" },
      body: { requests: "{{records}}" },
      record: { ref: "{{ref}}", first_name: "{{first_name}}", last_name: "{{last_name}}", company_domain: "{{company_domain}}" },
      response: { items: "responses", ref: "ref", found: { path: "status", equals: 200 }, fields: { professional_email: "data.work_email", phone_number: "data.mobile_phone" } },
      batchSize: 5,
      ratePerSecond: 100,
      concurrency: 1,
    },
  });
  expect(registered.errors).toBeUndefined();
  const waterfall = await t.gql(SetEnrichmentWaterfallDocument, { providerIds: [registered.data!.registerConnection.id] });
  expect(waterfall.errors).toBeUndefined();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
  await vendor?.close();
});

/** The list's row of one transaction. */
const row = (page: Page, erid: string): Locator => page.locator(`tr[data-erid="${erid}"]`);

describeInBrowser("console: enrichment", () => {
  it("follows a transaction's progress live to COMPLETED, filters by status and shows its results as the API has them", async () => {
    await submit("e2e-small", contacts(0, 4, "s"), 4);
    await completed("e2e-small");
    await submit("e2e-waiting", contacts(0, 3, "w"), 10); // stays incomplete: 7 records never arrive
    await submit("e2e-live", contacts(0, 30, "l"), 60); // half of it now, the rest while the page watches

    const page = await openConsole(browser, t.baseUrl, t.adminKey);
    await goTo(page, "/enrichment", "Enrichments");
    const live = row(page, "e2e-live");
    await live.waitFor();
    expect(await live.locator("th").textContent()).toBe("e2e-live");
    const { fields } = await transaction("e2e-live", 0);
    expect([...fields].sort()).toEqual([...FIELDS].sort());
    expect(await live.locator("td").first().textContent()).toBe(fields.map((f) => (f === "phone_number" ? "Phone number" : "Professional email")).join(", "));

    // Every state the row's bar goes through, recorded in the page, and a mark a reload would wipe.
    await page.evaluate(() => {
      const w = window as unknown as { __seen: string[]; __sameDocument: boolean };
      w.__sameDocument = true;
      w.__seen = [];
      const target = document.querySelector('tr[data-erid="e2e-live"]')!;
      const note = () => {
        const bar = target.querySelector("progress")!;
        const state = `${bar.value}/${bar.max} ${target.querySelector('[data-testid="transaction-status"]')!.textContent}`;
        if (w.__seen.at(-1) !== state) w.__seen.push(state);
      };
      note();
      new MutationObserver(note).observe(target, { subtree: true, childList: true, characterData: true, attributes: true });
    });

    // Half the records have arrived: the bar waits at 30 of 60, INCOMPLETE.
    await live.getByTestId("progress-text").filter({ hasText: /^30 of 60$/ }).waitFor({ timeout: 30_000 });
    expect(await live.getByTestId("transaction-status").textContent()).toBe("INCOMPLETE");
    const bar = live.getByRole("progressbar", { name: "Progress of e2e-live" });
    expect(await bar.evaluate((el: HTMLProgressElement) => [el.value, el.max])).toEqual([30, 60]);
    await checkPage(page, "enrichment-list");

    // The rest arrives through the API; the open page follows it to the end.
    await submit("e2e-live", contacts(30, 60, "l"), 60);
    await live.getByTestId("progress-text").filter({ hasText: /^60 of 60$/ }).waitFor({ timeout: 60_000 });
    await live.getByTestId("transaction-status").filter({ hasText: "COMPLETED" }).waitFor();
    expect(await bar.evaluate((el: HTMLProgressElement) => [el.value, el.max])).toEqual([60, 60]);
    const { __seen: seen, __sameDocument: same } = await page.evaluate(() => {
      const w = window as unknown as { __seen: string[]; __sameDocument: boolean };
      return { __seen: w.__seen, __sameDocument: w.__sameDocument };
    });
    expect(same).toBe(true); // never reloaded
    const values = seen.map((s) => Number(s.split("/")[0]));
    expect(values).toEqual([...values].sort((x, y) => x - y)); // only forward
    expect(seen).toContain("30/60 INCOMPLETE");
    expect(seen.filter((s) => /^(3[1-9]|[45]\d)\/60 INCOMPLETE$/.test(s)).length).toBeGreaterThan(0); // moved through values in between
    expect(seen.at(-1)).toBe("60/60 COMPLETED");

    // The small transaction completed before the page opened: no live bar needed, it reads 4 of 4.
    expect(await row(page, "e2e-small").getByTestId("progress-text").textContent()).toBe("4 of 4");

    // Filters: the rows are the API's for each status.
    for (const status of ["COMPLETED", "INCOMPLETE"] as const) {
      await page.getByLabel("Status").selectOption(status);
      const api = (await t.gql(EnrichmentTransactionsDocument, { status })).data!.enrichmentTransactions;
      await page.getByTestId("transaction-count").filter({ hasText: `${api.totalCount} ` }).waitFor();
      await page.locator("tr[data-erid]").first().waitFor();
      expect(await page.locator("tr[data-erid]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-erid")))).toEqual(
        api.edges.map((e) => e.node.erid),
      );
      expect(await page.getByTestId("transaction-status").allTextContents()).toEqual(api.edges.map(() => status));
    }
    expect((await t.gql(EnrichmentTransactionsDocument, { status: "INCOMPLETE" })).data!.enrichmentTransactions.edges.map((e) => e.node.erid)).toEqual([
      "e2e-waiting",
    ]);
    await page.getByLabel("Status").selectOption("");

    // The transaction's page: counters and results, page by page, as the API has them.
    await page.getByRole("link", { name: "e2e-live" }).click();
    await page.getByRole("heading", { level: 1, name: "Enrichment e2e-live" }).waitFor();
    const first = await transaction("e2e-live");
    expect(first.counts.enriched).toBeGreaterThan(0);
    expect(first.counts.enriched + first.counts.notFound + first.counts.failed).toBe(60);
    for (const [id, value] of [
      ["count-expected", 60],
      ["count-received", first.counts.received],
      ["count-enriched", first.counts.enriched],
      ["count-not-found", first.counts.notFound],
      ["count-failed", first.counts.failed],
      ["count-pending", 0],
      ["count-vendor-calls", first.vendorCalls],
    ] as const) {
      expect([id, await page.getByTestId(id).textContent()]).toEqual([id, String(value)]);
    }
    await page.getByTestId("record-row").first().waitFor();
    await expectRecords(page, first.records.edges.map((e) => e.node), first.fields);
    await checkPage(page, "enrichment-transaction");

    expect(first.records.pageInfo.hasNextPage).toBe(true);
    const second = await transaction("e2e-live", 25, first.records.pageInfo.endCursor!);
    await page.getByRole("navigation", { name: "Pages of results" }).getByRole("button", { name: "Next" }).click();
    await page.locator(`tr[data-key="${second.records.edges[0].node.key}"]`).waitFor();
    await expectRecords(page, second.records.edges.map((e) => e.node), first.fields);
    await page.getByRole("navigation", { name: "Pages of results" }).getByRole("button", { name: "Previous" }).click();
    await page.locator(`tr[data-key="${first.records.edges[0].node.key}"]`).waitFor();
    await page.context().close();
  }, 120_000);
});

type ApiRecord = Awaited<ReturnType<typeof transaction>>["records"]["edges"][number]["node"];

/** The results table shows these records, in this order, with the API's values, providers and statuses. */
async function expectRecords(page: Page, records: ApiRecord[], fields: string[]): Promise<void> {
  const shown = await page.getByTestId("record-row").evaluateAll((rows) =>
    rows.map((r) => ({
      key: r.getAttribute("data-key"),
      input: Array.from(r.querySelectorAll(".record-input li")).map((li) => li.textContent),
      fields: Array.from(r.querySelectorAll("td[data-field]")).map((td) => [td.getAttribute("data-field"), td.textContent]),
      provider: r.querySelector('[data-testid="record-provider"]')!.textContent,
      status: r.querySelector('[data-testid="record-status"]')!.textContent,
    })),
  );
  expect(shown).toEqual(
    records.map((r) => {
      const input = r.input as Record<string, string>;
      expect(Object.keys(input).sort()).toEqual(["company_domain", "first_name", "last_name", "record_id"]);
      const output = r.output as Record<string, string | null>;
      const providers = [...new Set(Object.values(r.providers as Record<string, string>))];
      return {
        key: r.key,
        input: ["first_name", "last_name", "company_domain", "record_id"].map((k) => `${k} ${input[k]}`),
        fields: fields.map((f) => [f, output[f] ?? "—"]),
        provider: providers.length ? providers.join(", ") : "—",
        status: r.status,
      };
    }),
  );
  // And the API's values are the vendor's: an enriched record's email is the one the vendor holds.
  for (const r of records) {
    const known = vendor.knows(r.input as Record<string, string>);
    expect((r.output as Record<string, unknown>).professional_email ?? null).toBe(known?.work_email ?? null);
  }
}
