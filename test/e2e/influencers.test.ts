import type { Browser, Page } from "playwright-core";
import { AccountScope } from "../../src/db/account-scope";
import { MetricStore, Reading } from "../../src/services/influencers/metric-store";
import { FakeMockstagram, isSuspicious, startFakeMockstagram } from "../fakes/mockstagram";
import { eventually, startTestConflux, TestConflux } from "../helpers/test-conflux";
import { formatCount, formatDateTime, formatDecimal } from "../../web/src/components/format";
import { checkPage, describeInBrowser, goTo, launchBrowser, openConsole } from "./console-browser";

/**
 * The console's influencers area over readings written through the metric store with known values (no poller
 * runs, so nothing else moves them): the list in the snapshot's order with keyset pages, one influencer's figures,
 * and its chart over chosen ranges, live as a new reading arrives.
 */

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const STAR = 1_000_001;
const PKS = Array.from({ length: 30 }, (_, i) => STAR + i);
/** Known latest counts: followers fall with the pk (two share a count, so they share a rank); following varies. */
const followersOf = (pk: number) => (pk === STAR + 11 ? 60_000 + 12 * 1000 : 100_000 - (pk - STAR) * 1000);
const followingOf = (pk: number) => 300 + ((pk - STAR) % 7) * 10;

let t: TestConflux;
let fake: FakeMockstagram;
let browser: Browser;
let scope: AccountScope;
let store: MetricStore;
/** The minute of the known latest readings, two minutes before the test began. */
let latestSlot: number;

const gql = async <T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
  const res = await t.gql(query, variables);
  expect(res.errors).toBeUndefined();
  return res.data as T;
};

const idOf = async (pk: number): Promise<string> => (await t.conflux.services.influencers.get(scope, pk))!.id;

beforeAll(async () => {
  fake = await startFakeMockstagram({ seed: 11, classifierDelayMs: [5, 20] });
  t = await startTestConflux();
  scope = AccountScope.of(t.conflux.services.dataSource, t.defaultAccountId);
  store = new MetricStore(t.conflux.services.dataSource);
  const { influencers, connections } = t.conflux.services;
  const connection = await connections.register(scope, { kind: "mockstagram", name: "mockstagram", config: { baseUrl: fake.url, concurrency: 10 } });

  // An unknown pk, polled for real (it falls due within a second): the source refuses it and it gets an error state.
  await influencers.track(scope, connection.id, [999], 1);
  await eventually(async () => {
    await t.conflux.poller.tick();
    await t.conflux.poller.idle();
    return (await influencers.get(scope, 999))?.error;
  });
  await influencers.track(scope, connection.id, [999], 86_400); // and then left alone

  await influencers.track(scope, connection.id, PKS, 86_400); // tracked, never polled here: the readings are ours
  // The username a first poll would have stored (the fake names every pk so).
  await scope.query(`UPDATE influencer SET username = 'influencer-' || pk WHERE account_id = $1 AND pk = ANY($2::bigint[])`, [PKS]);

  latestSlot = Math.floor(Date.now() / MINUTE) * MINUTE - 2 * MINUTE;
  const readings: Reading[] = [];
  for (const pk of PKS) {
    const id = await idOf(pk);
    readings.push({ influencerId: id, slot: latestSlot, followerCount: followersOf(pk), followingCount: followingOf(pk), readAt: latestSlot });
    readings.push({ influencerId: id, slot: latestSlot - DAY, followerCount: followersOf(pk) - 500, followingCount: followingOf(pk), readAt: latestSlot - DAY });
  }
  // The star's history: a reading every ten minutes for three days, followers rising by 10 a reading.
  const star = await idOf(STAR);
  for (let k = 1; k <= 3 * 144; k++) {
    const slot = latestSlot - k * 10 * MINUTE;
    if (slot === latestSlot - DAY) continue;
    readings.push({ influencerId: star, slot, followerCount: followersOf(STAR) - 10 * k, followingCount: 200 + (k % 5), readAt: slot });
  }
  await store.write(readings);
  await influencers.refreshSnapshot();

  // The daily suspicious check of the star, as the classifier queue would run it.
  await t.conflux.classifier.classify({
    items: [{ id: star, accountId: t.defaultAccountId, connectionId: connection.id, pk: STAR, username: `influencer-${STAR}`, followerCount: followersOf(STAR), followingCount: followingOf(STAR) }],
  });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
  await fake?.close();
});

const LIST = `query ($after: String) {
  influencers(orderBy: FOLLOWERS_DESC, first: 25, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { pk username rank averageFollowerCount latest { ts followerCount followingCount followerRatio } error { message } } }
  }
  influencerStats { trackedCount averageFollowerCount due lagSeconds missedSlotsLastHour failing }
}`;

interface ListNode {
  pk: number;
  username: string | null;
  rank: number | null;
  averageFollowerCount: number | null;
  latest: { ts: string; followerCount: number; followingCount: number; followerRatio: number | null } | null;
  error: { message: string } | null;
}

/** The list's rows as shown: rank, pk, username, followers, following, ratio, latest time. */
async function shownRows(page: Page): Promise<string[][]> {
  return page
    .getByTestId("influencer-row")
    .evaluateAll((rows) =>
      rows.map((r) => ["rank", "pk", "username", "followers", "following", "ratio", "latest"].map((c) => r.querySelector(`[data-col="${c}"]`)!.textContent!.trim())),
    );
}

const expectedRows = (nodes: ListNode[]): string[][] =>
  nodes.map((n) => [
    n.rank === null ? "—" : String(n.rank),
    String(n.pk),
    (n.username ?? "—") + (n.error ? " Failing" : ""),
    formatCount(n.latest?.followerCount),
    formatCount(n.latest?.followingCount),
    formatDecimal(n.latest?.followerRatio),
    formatDateTime(n.latest?.ts),
  ]);

/** The chart's range as the page shows it in its From/To fields (UTC), and the series the API has for it. */
async function apiSeriesForShownRange(page: Page, interval: string) {
  const from = `${await page.getByLabel("From (UTC)").inputValue()}:00Z`;
  const to = `${await page.getByLabel("To (UTC)").inputValue()}:00Z`;
  const data = await gql<{ influencer: { metrics: { ts: string; followerCount: { last: number | null } }[] } }>(
    `query ($pk: Int!, $from: DateTimeISO!, $to: DateTimeISO!, $interval: MetricInterval!) {
       influencer(pk: $pk) { metrics(from: $from, to: $to, interval: $interval) { ts followerCount { last } } } }`,
    { pk: STAR, from, to, interval },
  );
  return data.influencer.metrics;
}

/** Waits until the chart draws `points` points per series (dots shown up to 120 points), and returns them. */
async function chartPoints(page: Page, points: number): Promise<number> {
  const chart = page.getByRole("img", { name: new RegExp(`: ${points} points$`) });
  await chart.waitFor();
  expect(await chart.locator(".recharts-wrapper > svg.recharts-surface").count()).toBe(1);
  if (points <= 120) expect(await chart.locator("circle.recharts-line-dot").count()).toBe(3 * points);
  return points;
}

describeInBrowser("console: influencers", () => {
  it("lists the tracked influencers in the API's order with its values and polling figures, page by page", async () => {
    const first = await gql<{ influencers: { totalCount: number; pageInfo: { endCursor: string }; edges: { node: ListNode }[] }; influencerStats: Record<string, number> }>(LIST);
    const nodes = first.influencers.edges.map((e) => e.node);
    // The seeded order: by known followers, the tie sharing a rank, the unread pk 999 last.
    expect(nodes.slice(0, 3).map((n) => [n.pk, n.latest?.followerCount])).toEqual([
      [STAR, 100_000],
      [STAR + 1, 99_000],
      [STAR + 2, 98_000],
    ]);
    expect(first.influencers.totalCount).toBe(31);
    // Ranks as the known counts give them: one more than how many have more followers (the tie shares rank 28).
    const known = PKS.map(followersOf);
    const rankOf = (pk: number) => 1 + known.filter((n) => n > followersOf(pk)).length;
    expect(nodes.map((n) => [n.pk, n.rank])).toEqual(nodes.map((n) => [n.pk, rankOf(n.pk)]));
    expect([rankOf(STAR + 11), rankOf(STAR + 28)]).toEqual([28, 28]);

    const page = await openConsole(browser, t.baseUrl, t.adminKey);
    await goTo(page, "/influencers", "Influencers");
    await page.getByTestId("influencer-row").first().waitFor();
    expect(await shownRows(page)).toEqual(expectedRows(nodes));
    const shownFollowers = (await shownRows(page)).map((r) => Number(r[3].replace(/,/g, "")));
    expect(shownFollowers).toEqual([...shownFollowers].sort((a, b) => b - a));

    const polling = first.influencerStats;
    expect(polling).toMatchObject({ trackedCount: 31, failing: 1, due: 0 });
    expect(await page.getByTestId("polling-tracked").textContent()).toBe("31");
    const average = PKS.reduce((s, pk) => s + followersOf(pk), 0) / PKS.length;
    expect(nodes[0].averageFollowerCount).toBeCloseTo(average, 6);
    expect(polling.averageFollowerCount).toBeCloseTo(average, 6);
    expect(await page.getByTestId("polling-average").textContent()).toBe(formatDecimal(polling.averageFollowerCount));
    expect(await page.getByTestId("polling-gaps").textContent()).toBe(formatCount(polling.missedSlotsLastHour));
    expect(await page.getByTestId("polling-failing").textContent()).toBe("1");
    expect(await page.getByTestId("polling-due").textContent()).toBe("0");
    expect(await page.getByTestId("polling-lag").textContent()).toBe("0 s");
    await checkPage(page, "influencers-list");

    // The next keyset page is the API's page after the first one's cursor: the last five and pk 999, unranked.
    const second = await gql<{ influencers: { edges: { node: ListNode }[] } }>(LIST, { after: first.influencers.pageInfo.endCursor });
    const secondNodes = second.influencers.edges.map((e) => e.node);
    expect(secondNodes.map((n) => n.pk).at(-1)).toBe(999);
    const pager = page.getByRole("navigation", { name: "Pages of influencers" });
    await pager.getByRole("button", { name: "Next" }).click();
    await page.locator('tr[data-pk="999"]').waitFor();
    expect(await shownRows(page)).toEqual(expectedRows(secondNodes));
    expect((await shownRows(page)).at(-1)!.slice(0, 4)).toEqual(["—", "999", "— Failing", "—"]);
    expect(secondNodes.filter((n) => n.pk === STAR + 11 || n.pk === STAR + 28).map((n) => n.rank)).toEqual([28, 28]);
    expect(await pager.getByRole("button", { name: "Next" }).isDisabled()).toBe(true);
    await pager.getByRole("button", { name: "Previous" }).click();
    await page.locator(`tr[data-pk="${STAR}"]`).waitFor();

    // pk 999 carries its error state to its own page.
    await page.locator('tr[data-pk="999"]').waitFor({ state: "detached" });
    await goTo(page, "/influencers/999", "Influencer 999");
    expect(await page.getByTestId("influencer-error").textContent()).toMatch(/InfluencerNotFoundError/);
    expect(await page.getByTestId("influencer-rank").textContent()).toBe("—");
    await page.context().close();
  }, 60_000);

  it("shows one influencer's figures as the API has them and charts the chosen range, live", async () => {
    const api = await gql<{ influencer: { rank: number; averageFollowerCount: number; latest: ListNode["latest"]; suspicious: { value: boolean } } }>(
      `query ($pk: Int!) { influencer(pk: $pk) { rank averageFollowerCount latest { ts followerCount followingCount followerRatio } suspicious { value } } }`,
      { pk: STAR },
    );
    expect(api.influencer.latest).toEqual({
      ts: new Date(latestSlot).toISOString(),
      followerCount: followersOf(STAR),
      followingCount: followingOf(STAR),
      followerRatio: followersOf(STAR) / followingOf(STAR),
    });
    expect(api.influencer.suspicious.value).toBe(isSuspicious(STAR));

    const page = await openConsole(browser, t.baseUrl, t.adminKey);
    await goTo(page, "/influencers", "Influencers");
    await page.getByRole("link", { name: String(STAR), exact: true }).click();
    await page.getByRole("heading", { level: 1, name: `Influencer influencer-${STAR}` }).waitFor();
    const latest = api.influencer.latest!;
    expect(await page.getByTestId("latest-time").textContent()).toBe(formatDateTime(latest.ts));
    expect(await page.getByTestId("latest-followers").textContent()).toBe(formatCount(latest.followerCount));
    expect(await page.getByTestId("latest-following").textContent()).toBe(formatCount(latest.followingCount));
    expect(await page.getByTestId("latest-ratio").textContent()).toBe(formatDecimal(latest.followerRatio));
    expect(await page.getByTestId("influencer-rank").textContent()).toBe(String(api.influencer.rank));
    expect(api.influencer.rank).toBe(1);
    expect(await page.getByTestId("influencer-average").textContent()).toBe(formatDecimal(api.influencer.averageFollowerCount));
    expect(await page.getByTestId("influencer-suspicious").textContent()).toMatch(isSuspicious(STAR) ? /^Suspicious/ : /^Not suspicious/);
    expect(await page.getByTestId("influencer-error").count()).toBe(0);

    // Each range is read in buckets that fit it, and the chart draws what the API answers for that range.
    const ranges = [
      { button: "Last 24 hours", interval: "HOUR", label: /per hour/ },
      { button: "Last hour", interval: "MINUTE", label: /per minute/ },
      { button: "Last 7 days", interval: "HOUR", label: /per hour/ },
      { button: "Last 30 days", interval: "DAY", label: /per day/ },
    ];
    const counts: number[] = [];
    for (const range of ranges) {
      await page.getByRole("button", { name: range.button }).click();
      expect(await page.getByRole("button", { name: range.button }).getAttribute("aria-pressed")).toBe("true");
      expect(await page.getByTestId("range-interval").textContent()).toMatch(range.label);
      const series = await apiSeriesForShownRange(page, range.interval);
      expect(series.length).toBeGreaterThan(0);
      counts.push(await chartPoints(page, series.length));
      if (range.button === "Last 24 hours") await checkPage(page, "influencer-page");
    }
    // Readings every ten minutes over three days: 6 in the last hour, a bucket an hour over a day, 3 days' worth.
    expect(counts[1]).toBe(6);
    expect(counts[0]).toBeGreaterThanOrEqual(24);
    expect(counts[2]).toBeGreaterThanOrEqual(72);
    expect(counts[3]).toBeGreaterThanOrEqual(3);
    expect(new Set(counts).size).toBe(4); // every range drew another series

    // A custom range: two days ending a day ago, in hours; then one the API could not serve is refused in the form.
    const from = new Date(latestSlot - 3 * DAY).toISOString().slice(0, 16);
    const to = new Date(latestSlot - DAY).toISOString().slice(0, 16);
    await page.getByLabel("From (UTC)").fill(from);
    await page.getByLabel("To (UTC)").fill(to);
    await page.getByRole("button", { name: "Show range" }).click();
    await page.getByTestId("range-interval").filter({ hasText: "Custom range, per hour" }).waitFor();
    const custom = await apiSeriesForShownRange(page, "HOUR");
    expect(await page.locator("figure figcaption").textContent()).toBe(
      `Followers, following and ratio, ${formatDateTime(`${from}:00Z`)} to ${formatDateTime(`${to}:00Z`)}, per hour`,
    );
    expect(custom.map((b) => b.ts)).toContain(new Date(latestSlot - 2 * DAY).toISOString().replace(/:\d\d:\d\d\.000Z$/, ":00:00.000Z"));
    await chartPoints(page, custom.length);
    await page.getByLabel("To (UTC)").fill(new Date(latestSlot - 4 * DAY).toISOString().slice(0, 16));
    await page.getByRole("button", { name: "Show range" }).click();
    expect(await page.getByRole("alert").textContent()).toBe("The end must be after the start.");
    expect(await page.getByLabel("To (UTC)").getAttribute("aria-invalid")).toBe("true");
    await chartPoints(page, custom.length); // the chart still shows the last range it could

    // Live: a new reading arrives (as a poll would write it); the open page shows it without a reload.
    await page.getByRole("button", { name: "Last hour" }).click();
    await chartPoints(page, 6);
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    const now = Date.now();
    await store.write([{ influencerId: await idOf(STAR), slot: now, followerCount: 123_456, followingCount: 321, readAt: now }]);
    await page.getByTestId("latest-followers").filter({ hasText: "123,456" }).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("latest-following").textContent()).toBe("321");
    expect(await page.getByTestId("latest-ratio").textContent()).toBe(formatDecimal(123_456 / 321));
    expect(await page.getByTestId("latest-time").textContent()).toBe(formatDateTime(new Date(now).toISOString()));
    await chartPoints(page, 7); // a minute of its own, in a range moved on to include it
    const moved = await apiSeriesForShownRange(page, "MINUTE");
    expect(moved).toHaveLength(7);
    expect(moved.at(-1)!.followerCount).toEqual({ last: 123_456 });
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await page.context().close();
  }, 90_000);
});
