import type { Browser, Page } from "playwright-core";
import { eventually, startTestConflux, TestConflux } from "../helpers/test-conflux";
import { checkPage, describeInBrowser, goTo, launchBrowser, openConsole, signIn } from "./console-browser";

/**
 * The Companies area of the console against a real Conflux: the ranking, filters, the Rules page moving the
 * ranking, a company's score explained and its signals charted, noise, live re-ranking, and what a MEMBER sees.
 * The tests run in order on one server: each starts from the state the previous one left.
 */
let t: TestConflux;
let browser: Browser;

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();
const isoDay = (n: number) => daysAgo(n).slice(0, 10);

/** Imported companies and their visits (spread over the last 5 days alike, so scores keep these ratios). */
const SEED = [
  { name: "Aurora Analytics", domains: ["aurora.example"], industry: "Software", country: "FR", region: "IDF", employees: 120, visits: 30 },
  { name: "Borealis Biotech", domains: ["borealis.example"], industry: "Biotech", country: "DE", region: "BE", employees: 800, visits: 20 },
  { name: "Cirrus Logistics", domains: ["cirrus.example"], industry: "Logistics", country: "FR", region: "ARA", employees: 40, visits: 10 },
  { name: "Delta Dynamics", domains: ["delta.example"], industry: "Software", country: "IT", region: "LOM", employees: 5000, visits: 5 },
  { name: "Echo Spam", domains: ["echo-spam.example"], industry: "Media", country: "US", region: "CA", employees: 3, visits: 2 },
];
const [AURORA, BOREALIS, CIRRUS, DELTA, ECHO] = SEED.map((c) => c.name);

async function gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, key = t.adminKey): Promise<T> {
  const res = await t.gql<T, Record<string, unknown>>(query, variables, key);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

async function ingest(events: Record<string, unknown>[], key = t.adminKey) {
  return (await gql(`mutation ($events: [WebEventInput!]!) { ingestWebEvents(events: $events) { accepted identified } }`, { events }, key)).ingestWebEvents;
}

const visits = (domain: string, n: number, tag = "u") => Array.from({ length: n }, (_, i) => ({ type: "visit", occurredAt: daysAgo(i % 5), email: `${tag}${i}@${domain}` }));

async function apiRanking(key = t.adminKey): Promise<string[]> {
  const data = await gql(`{ companies(first: 50, orderBy: SCORE_DESC) { edges { node { name } } } }`, {}, key);
  return data.companies.edges.map((e: { node: { name: string } }) => e.node.name);
}

async function apiRules(): Promise<{ field: string; value: string; boostBy: number }[]> {
  return (await gql(`{ scoreRules { field value boostBy } }`)).scoreRules;
}

const RANKED = "table.company-ranking tbody tr";

/** The names of the ranking as shown. */
function shownRanking(page: Page): Promise<string[]> {
  return page.locator(`${RANKED} th`).allTextContents();
}

/** Waits until the ranking shows exactly these names, in this order. */
async function waitForRanking(page: Page, names: string[]): Promise<void> {
  await page.waitForFunction(
    ({ selector, expected }) => Array.from(document.querySelectorAll(selector), (e) => e.textContent).join("|") === expected,
    { selector: `${RANKED} th`, expected: names.join("|") },
  );
  expect(await shownRanking(page)).toEqual(names);
}

beforeAll(async () => {
  t = await startTestConflux();
  browser = await launchBrowser();
  await gql(`mutation ($companies: [CompanyInput!]!) { importCompanies(companies: $companies) }`, {
    companies: SEED.map(({ visits: _, ...c }) => c),
  });
  const events = SEED.flatMap((c) => visits(c.domains[0], c.visits));
  expect(await ingest(events)).toEqual({ accepted: events.length, identified: events.length });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describeInBrowser("console: companies", () => {
  it("ranks the companies by score, with rank, facts and score", async () => {
    expect(await apiRanking()).toEqual([AURORA, BOREALIS, CIRRUS, DELTA, ECHO]);
    const page = await openConsole(browser, t.baseUrl, t.adminKey);
    await goTo(page, "/companies", "Companies");
    await waitForRanking(page, [AURORA, BOREALIS, CIRRUS, DELTA, ECHO]);

    const rows = page.locator(RANKED);
    expect(await rows.locator("td:nth-child(1)").allTextContents()).toEqual(["1", "2", "3", "4", "5"]);
    const first = await rows.first().locator("td").allTextContents();
    expect(first.slice(1, 6)).toEqual(["aurora.example", "Software", "FR", "IDF", "120"]);
    const scores = (await rows.locator("td:last-child").allTextContents()).map(Number);
    expect(scores.every((s, i) => s > 0 && (i === 0 || s < scores[i - 1]))).toBe(true);
    await page.getByText("1–5 of 5").waitFor();
    await page.getByRole("link", { name: "Score rules and noise" }).waitFor();
    await checkPage(page, "companies-list");
    await page.context().close();
  });

  it("narrows the list with filters and refuses an impossible employee range inline", async () => {
    const page = await openConsole(browser, t.baseUrl, t.adminKey);
    await goTo(page, "/companies", "Companies");
    await waitForRanking(page, [AURORA, BOREALIS, CIRRUS, DELTA, ECHO]);
    const apply = () => page.getByRole("button", { name: "Apply filters" }).click();
    const clear = () => page.getByRole("button", { name: "Clear", exact: true }).click();

    await page.getByLabel("Industry").fill("software");
    await apply();
    await waitForRanking(page, [AURORA, DELTA]);
    await clear();
    await waitForRanking(page, [AURORA, BOREALIS, CIRRUS, DELTA, ECHO]);

    await page.getByLabel("Country").fill("FR");
    await page.getByLabel("Employees from").fill("100");
    await apply();
    await waitForRanking(page, [AURORA]);
    await clear();

    await page.getByLabel("Region").fill("be");
    await apply();
    await waitForRanking(page, [BOREALIS]);
    await clear();

    await page.getByRole("searchbox", { name: "Search" }).fill("cirrus");
    await apply();
    await waitForRanking(page, [CIRRUS]);
    await clear();

    // Aurora and Borealis score about 29 and 19, Cirrus about 10.
    await page.getByLabel("Minimum score").fill("15");
    await apply();
    await waitForRanking(page, [AURORA, BOREALIS]);
    await page.getByLabel("Employees from").fill("500");
    await page.getByLabel("Employees to").fill("100");
    await apply();
    expect(await page.getByLabel("Employees to").getAttribute("aria-invalid")).toBe("true");
    await page.getByText("At least the minimum.").waitFor();
    expect(await shownRanking(page)).toEqual([AURORA, BOREALIS]); // the invalid filter was not applied
    await clear();
    await waitForRanking(page, [AURORA, BOREALIS, CIRRUS, DELTA, ECHO]);
    await page.context().close();
  });

  it("adds, edits and deletes score rules on the Rules page, and the ranking follows", async () => {
    await gql(`mutation { setScoreRule(field: "country", value: "IT", boostBy: 0.2) { id } }`);
    const page = await openConsole(browser, t.baseUrl, t.adminKey);
    await goTo(page, "/companies", "Companies");
    await waitForRanking(page, [AURORA, BOREALIS, CIRRUS, DELTA, ECHO]);
    await page.getByRole("link", { name: "Score rules and noise" }).click();
    await page.getByRole("heading", { level: 1, name: "Score rules and noise" }).waitFor();
    await page.getByRole("button", { name: "Delete Country = it" }).waitFor();

    // Inline validation: an empty value, a boost of 0, then one below -1.
    await page.getByLabel("Field").selectOption("industry");
    await page.getByLabel("Boost by").fill("0");
    await page.getByRole("button", { name: "Add rule" }).click();
    await page.getByText("Enter the value the rule matches.").waitFor();
    await page.getByText("Not 0: a boost of 0 changes nothing.").waitFor();
    expect(await page.getByLabel("Value").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Boost by").getAttribute("aria-invalid")).toBe("true");
    await page.getByLabel("Value").fill("Logistics");
    await page.getByLabel("Boost by").fill("-2");
    await page.getByRole("button", { name: "Add rule" }).click();
    await page.getByText("At least -1 (-1 hides the companies).").waitFor();
    expect(await apiRules()).toEqual([{ field: "country", value: "it", boostBy: 0.2 }]);

    // Boost the industry of Cirrus (third) fourfold: it overtakes Aurora.
    await page.getByLabel("Boost by").fill("3");
    await page.getByRole("button", { name: "Add rule" }).click();
    await page.getByText("Saved the rule industry = logistics").waitFor();
    await page.getByRole("button", { name: "Edit Industry = logistics" }).waitFor();
    expect(await apiRules()).toEqual([
      { field: "country", value: "it", boostBy: 0.2 },
      { field: "industry", value: "logistics", boostBy: 3 },
    ]);
    await page.getByRole("link", { name: "All companies" }).click();
    await waitForRanking(page, [CIRRUS, AURORA, BOREALIS, DELTA, ECHO]);

    // Down to +50 %: Cirrus falls back to third. And the rule on Italy goes.
    await page.getByRole("link", { name: "Score rules and noise" }).click();
    await page.getByRole("button", { name: "Edit Industry = logistics" }).click();
    const boost = page.getByLabel("New boost for Industry = logistics");
    await boost.fill("0");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Not 0: a boost of 0 changes nothing.").waitFor();
    expect(await boost.getAttribute("aria-invalid")).toBe("true");
    await boost.fill("0.5");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("button", { name: "Edit Industry = logistics" }).waitFor();
    await page.getByRole("button", { name: "Delete Country = it" }).click();
    await page.getByRole("button", { name: "Delete Country = it" }).waitFor({ state: "detached" });
    expect(await apiRules()).toEqual([{ field: "industry", value: "logistics", boostBy: 0.5 }]);
    expect(await page.locator("table.score-rules [data-testid=rule-boost]").allTextContents()).toEqual(["0.5 (+50 %)"]);

    // Scoring settings: an impossible half-life is refused inline, a new weight is saved.
    await page.getByLabel("Half-life (days)").fill("3");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Between 7 and 3650 days.").waitFor();
    await page.getByLabel("Half-life (days)").fill("30");
    await page.getByLabel("Chats").fill("9");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Settings saved").waitFor();
    const settings = (await gql(`{ scoringSettings { halfLifeDays weights } }`)).scoringSettings;
    expect(settings).toEqual({ halfLifeDays: 30, weights: { visits: 1, clicks: 2, contacts: 5, formSubmissions: 10, chats: 9, custom: 1 } });

    await page.getByRole("link", { name: "All companies" }).click();
    await waitForRanking(page, [AURORA, BOREALIS, CIRRUS, DELTA, ECHO]);
    expect(await apiRanking()).toEqual([AURORA, BOREALIS, CIRRUS, DELTA, ECHO]);
    await page.context().close();
  });

  it("shows a company's facts with their sources, its score's breakdown and rules, and a chart of its daily signals", async () => {
    const page = await openConsole(browser, t.baseUrl, t.adminKey);
    await goTo(page, "/companies", "Companies");
    await page.getByRole("link", { name: CIRRUS }).click();
    await page.getByRole("heading", { level: 1, name: CIRRUS }).waitFor();

    const facts = page.locator("dl.company-facts");
    const fact = (label: string) => facts.locator(`dt:text-is("${label}") + dd`).textContent();
    expect(await fact("Domains")).toMatch(/^cirrus\.example from upload/);
    expect(await fact("Industry")).toMatch(/^Logistics from upload/);
    expect(await fact("Country")).toMatch(/^FR from upload/);
    expect(await fact("Employees")).toMatch(/^40 from upload/);

    const breakdown = page.locator("table.score-breakdown");
    expect(await breakdown.locator("tbody th").allTextContents()).toEqual(["Visits"]);
    const visitsContribution = Number(await breakdown.locator("tbody td").first().textContent());
    expect(visitsContribution).toBeGreaterThan(8);
    expect(visitsContribution).toBeLessThanOrEqual(10);
    expect(await page.locator("table.applied-rules tbody tr").allTextContents()).toEqual(["Industry = logistics+50 %"]);
    const score = Number(await page.getByTestId("company-score").textContent());
    expect(score).toBeCloseTo(visitsContribution * 1.5, 1);

    // The last 30 days by default: 10 visits, one point a day, drawn as SVG.
    await page.getByText("10 signals from").waitFor();
    expect(await page.getByLabel("From", { exact: true }).inputValue()).toBe(isoDay(29));
    expect(await page.getByLabel("To", { exact: true }).inputValue()).toBe(isoDay(0));
    const chart = page.locator("figure.chart-figure");
    await chart.locator("svg.recharts-surface").first().waitFor();
    expect(await chart.locator(".recharts-line").count()).toBeGreaterThanOrEqual(5);
    expect(await chart.locator(".chart").getAttribute("aria-label")).toMatch(/: 30 points$/);

    // Another range: no signals there, then all of them again.
    await page.getByLabel("From", { exact: true }).fill(isoDay(60));
    await page.getByLabel("To", { exact: true }).fill(isoDay(41));
    await page.getByRole("button", { name: "Show" }).click();
    await page.getByText(`0 signals from ${isoDay(60)} to ${isoDay(41)}`).waitFor();
    expect(await chart.locator(".chart").getAttribute("aria-label")).toMatch(/: 20 points$/);
    await page.getByLabel("From", { exact: true }).fill(isoDay(3));
    await page.getByLabel("To", { exact: true }).fill(isoDay(5));
    await page.getByRole("button", { name: "Show" }).click();
    await page.getByText("The first day must not be after the last.").waitFor();
    await page.getByRole("button", { name: "Last 30 days" }).click();
    await page.getByText("10 signals from").waitFor();

    await page.getByRole("heading", { name: "Mark as noise" }).waitFor();
    await checkPage(page, "company-page");
    await page.context().close();
  });

  it("marks a company as noise from its page, accepts a proposal, and undoes a rule on the Rules page", async () => {
    // Another account's idle crawler: across accounts it looks like noise, and is proposed to this one too.
    const other = await t.newAccount("crawlers");
    await ingest(visits("idle-crawler.example", 600, "x"), other.key);

    const page = await openConsole(browser, t.baseUrl, t.adminKey);
    await goTo(page, "/companies", "Companies");
    await page.getByRole("link", { name: ECHO }).click();
    await page.getByRole("heading", { level: 1, name: ECHO }).waitFor();
    await page.getByRole("button", { name: "Mark as noise" }).click();
    await page.getByText("Say why, so others can judge the rule later.").waitFor();
    expect(await page.getByLabel("Reason").getAttribute("aria-invalid")).toBe("true");
    await page.getByLabel("This company").check();
    await page.getByLabel("Reason").fill("our test traffic");
    await page.getByRole("button", { name: "Mark as noise" }).click();
    await page.getByText(`${ECHO} is noise now`).waitFor();
    await page.locator(".badge", { hasText: "Noise" }).waitFor();
    const rules = (await gql(`{ noiseRules { id companyId domain reason } }`)).noiseRules;
    expect(rules).toEqual([{ id: expect.any(String), companyId: expect.any(String), domain: null, reason: "our test traffic" }]);

    await page.getByRole("link", { name: "All companies" }).click();
    await waitForRanking(page, [AURORA, BOREALIS, CIRRUS, DELTA]);

    await page.getByRole("link", { name: "Score rules and noise" }).click();
    const noiseRules = page.locator("table.noise-rules tbody tr");
    await noiseRules.first().waitFor();
    expect(await noiseRules.locator("td:nth-child(2)").allTextContents()).toEqual(["our test traffic"]);
    await page.getByRole("button", { name: "Accept proposal on idle-crawler.example" }).click();
    await page.getByText("No proposals").waitFor();
    await page.getByRole("button", { name: "Undo noise rule on idle-crawler.example" }).waitFor();
    expect(await noiseRules.locator("td:first-child").allTextContents()).toContain("Domain idle-crawler.example");
    expect(await noiseRules.locator("td:nth-child(3)").allTextContents()).toContain("proposal");

    await page.getByRole("button", { name: /^Undo noise rule on company / }).click();
    await page.getByText("Undid the rule on company").waitFor();
    await page.getByRole("button", { name: /^Undo noise rule on company / }).waitFor({ state: "detached" });
    const left = (await gql(`{ noiseRules { domain companyId source } }`)).noiseRules;
    expect(left).toEqual([{ domain: "idle-crawler.example", companyId: null, source: "proposal" }]);
    await checkPage(page, "companies-rules");

    await page.getByRole("link", { name: "All companies" }).click();
    await waitForRanking(page, [AURORA, BOREALIS, CIRRUS, DELTA, ECHO]);
    await page.context().close();
  });

  it("re-ranks the open list live when ingestion moves scores, with one re-fetch per burst", async () => {
    const page = await openConsole(browser, t.baseUrl);
    const frames: string[] = [];
    page.on("websocket", (ws) => ws.on("framereceived", (f) => frames.push(String(f.payload))));
    const listRequests: number[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/graphql") && r.postData()?.includes('"operationName":"CompanyList"')) listRequests.push(Date.now());
    });
    await signIn(page, t.adminKey);
    await goTo(page, "/companies", "Companies");
    await waitForRanking(page, [AURORA, BOREALIS, CIRRUS, DELTA, ECHO]);
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    // The subscription is live once a score change reaches the page: a visit to the leader, until one does.
    for (let probe = 0; ; probe++) {
      const seen = frames.length;
      await ingest([{ type: "visit", occurredAt: daysAgo(0), email: `probe${probe}@aurora.example` }]);
      const arrived = await eventually(async () => frames.slice(seen).some((f) => f.includes("companyScoreChanged")), 2_000).catch(() => false);
      if (arrived) break;
      if (probe === 5) throw new Error("no score change reached the page");
    }
    await page.getByTestId("score-updates").filter({ hasText: "Scores updated" }).waitFor();
    await waitForRanking(page, [AURORA, BOREALIS, CIRRUS, DELTA, ECHO]);

    // A burst moving two companies: Delta (fourth) overtakes everyone, Echo passes Cirrus.
    const before = listRequests.length;
    await ingest([
      ...Array.from({ length: 5 }, (_, i) => ({ type: "form_submission", occurredAt: daysAgo(0), email: `buyer${i}@delta.example` })),
      ...Array.from({ length: 2 }, (_, i) => ({ type: "form_submission", occurredAt: daysAgo(0), email: `buyer${i}@echo-spam.example` })),
    ]);
    await waitForRanking(page, [DELTA, AURORA, ECHO, BOREALIS, CIRRUS]);
    expect(listRequests.length - before).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await page.getByTestId("score-updates").textContent()).toMatch(/^Scores updated at /);
    expect(await apiRanking()).toEqual([DELTA, AURORA, ECHO, BOREALIS, CIRRUS]);
    await page.context().close();
  });

  it("pages through a long ranking with keyset cursors, ranks running on", async () => {
    const many = await t.newAccount("many companies");
    const name = (i: number) => `Rank${String(i).padStart(2, "0")}`;
    await ingest(Array.from({ length: 30 }, (_, i) => visits(`${name(i + 1).toLowerCase()}.example`, 31 - i)).flat(), many.key);
    const page = await openConsole(browser, t.baseUrl, many.key);
    await goTo(page, "/companies", "Companies");
    await waitForRanking(page, Array.from({ length: 25 }, (_, i) => name(i + 1)));
    await page.getByText("1–25 of 30").waitFor();
    const pager = page.getByRole("navigation", { name: "Pages of companies" });
    expect(await pager.getByText("Page 1 of 2").count()).toBe(1);
    expect(await pager.getByRole("button", { name: "Previous", exact: true }).isDisabled()).toBe(true);

    await pager.getByRole("button", { name: "Next", exact: true }).click();
    await waitForRanking(page, [26, 27, 28, 29, 30].map(name));
    expect(await page.locator(`${RANKED} td:nth-child(1)`).allTextContents()).toEqual(["26", "27", "28", "29", "30"]);
    await page.getByText("26–30 of 30").waitFor();
    expect(await pager.getByText("Page 2 of 2").count()).toBe(1);
    expect(await pager.getByRole("button", { name: "Next", exact: true }).isDisabled()).toBe(true);

    await pager.getByRole("button", { name: "Previous", exact: true }).click();
    await waitForRanking(page, Array.from({ length: 25 }, (_, i) => name(i + 1)));
    await page.context().close();
  });

  it("shows a MEMBER the ranking and a company, but no Rules link and no admin actions", async () => {
    const created = await gql(`mutation { createApiKey(name: "viewer", role: MEMBER) { key } }`);
    const memberKey = created.createApiKey.key as string;
    const page = await openConsole(browser, t.baseUrl, memberKey);
    expect(await page.locator(".role").textContent()).toBe("MEMBER");
    await goTo(page, "/companies", "Companies");
    await waitForRanking(page, await apiRanking(memberKey));
    expect(await shownRanking(page)).toEqual([DELTA, AURORA, ECHO, BOREALIS, CIRRUS]);
    expect(await page.getByRole("link", { name: "Score rules and noise" }).count()).toBe(0);

    await page.getByRole("link", { name: CIRRUS }).click();
    await page.getByRole("heading", { level: 1, name: CIRRUS }).waitFor();
    await page.locator("table.applied-rules").waitFor();
    expect(await page.getByRole("heading", { name: "Mark as noise" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Mark as noise" }).count()).toBe(0);

    await goTo(page, "/companies/rules", "Score rules and noise");
    await page.getByText("Only an admin of the account manages").waitFor();
    expect(await page.getByRole("button", { name: "Add rule" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Undo/ }).count()).toBe(0);
    await page.context().close();
  });
});
