import fs from "node:fs";
import path from "node:path";
import { chromium, Browser, Page } from "playwright-core";

/**
 * Headless Chromium for the console's end-to-end tests: Debian's /usr/bin/chromium (or CONFLUX_CHROMIUM),
 * driven by playwright-core. Where no Chromium exists the suites skip and say why.
 */
export const chromiumPath = process.env.CONFLUX_CHROMIUM ?? "/usr/bin/chromium";
export const hasChromium = fs.existsSync(chromiumPath);
const consoleDir = process.env.CONFLUX_CONSOLE_DIR ?? path.resolve(__dirname, "../../web/dist");
const consoleBuilt = fs.existsSync(path.join(consoleDir, "index.html"));

/** `describe` when the browser and the built console exist, otherwise a skipped suite with the reason printed. */
export function describeInBrowser(name: string, body: () => void): void {
  if (hasChromium && consoleBuilt) {
    describe(name, body);
    return;
  }
  const reason = !hasChromium ? `no Chromium at ${chromiumPath} (apt-get install chromium)` : "the console is not built (npm run build:web)";
  console.warn(`skipping "${name}": ${reason}`);
  describe.skip(name, body);
}

export const SCREENSHOTS = path.resolve(__dirname, "screenshots");

// Without these flags Chromium keeps reaching for Google's services, which this machine's network refuses.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
}

/** A fresh page (its own session storage) on the console at baseUrl, signed in with the key when one is given. */
export async function openConsole(browser: Browser, baseUrl: string, key?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${baseUrl}/`);
  if (key) await signIn(page, key);
  return page;
}

export async function signIn(page: Page, key: string): Promise<void> {
  await page.getByLabel("API key").fill(key);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("account-name").waitFor();
}

/** Opens a console route (the part after `#`) and waits for its heading. */
export async function goTo(page: Page, route: string, heading: string | RegExp): Promise<void> {
  await page.evaluate((hash) => (window.location.hash = hash), route);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.1 A and AA rules). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Writes test/e2e/screenshots/NAME.png (ignored by git) for a person to review. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The accessibility check and the screenshot every page of the console gets. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousViolations(page)).toEqual([]);
}
