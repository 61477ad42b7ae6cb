import zlib from "node:zlib";
import type { Browser } from "playwright-core";
import { startTestConflux, TestConflux } from "../helpers/test-conflux";
import { checkPage, describeInBrowser, launchBrowser, openConsole, signIn } from "./console-browser";

let t: TestConflux;
let browser: Browser;
beforeAll(async () => {
  t = await startTestConflux();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describeInBrowser("console shell", () => {
  it("serves the console at / beside the API, whose routes it never shadows", async () => {
    const index = await fetch(`${t.baseUrl}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get("content-type")).toMatch(/text\/html/);
    const asset = /assets\/index-[^"]+\.js/.exec(await index.text())![0];
    const js = await fetch(`${t.baseUrl}/${asset}`);
    expect(js.headers.get("cache-control")).toMatch(/immutable/);
    const rest = await fetch(`${t.baseUrl}/customers`);
    expect(rest.status).toBe(401);
    expect(await rest.json()).toHaveProperty("message");
    expect((await fetch(`${t.baseUrl}/assets/missing.js`)).status).toBe(404);
  });

  it("rejects a wrong key inline, signs in with a good one, keeps the session on reload and logs out", async () => {
    const page = await openConsole(browser, t.baseUrl);
    await checkPage(page, "login");
    await page.getByLabel("API key").fill("cfx_not_a_key");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByLabel("API key").getAttribute("aria-invalid")).toBe("true");

    await signIn(page, t.adminKey);
    expect(await page.getByTestId("account-name").textContent()).toBe("default");
    expect(await page.locator(".role").textContent()).toBe("ADMIN");
    await page.reload();
    await page.getByTestId("account-name").waitFor();

    await page.getByRole("button", { name: "Log out" }).click();
    await page.getByLabel("API key").waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await page.context().close();
  });

  it("shows a MEMBER key its role and the account it belongs to", async () => {
    const member = await t.newAccount("Acme", "MEMBER");
    const page = await openConsole(browser, t.baseUrl, member.key);
    expect(await page.getByTestId("account-name").textContent()).toBe("Acme");
    expect(await page.locator(".role").textContent()).toBe("MEMBER");
    await page.context().close();
  });

  it("loads under 300 KB of JavaScript (gzipped) up to the first signed-in page", async () => {
    const page = await (await browser.newContext()).newPage();
    const scripts = new Map<string, number>();
    page.on("response", async (response) => {
      if (response.request().resourceType() !== "script") return;
      scripts.set(response.url(), zlib.gzipSync(await response.body()).length);
    });
    await page.goto(`${t.baseUrl}/`);
    await signIn(page, t.adminKey);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.waitForLoadState("networkidle");
    const total = [...scripts.values()].reduce((a, b) => a + b, 0);
    console.log(`console first load: ${scripts.size} scripts, ${(total / 1024).toFixed(1)} KB gzipped`);
    expect(scripts.size).toBeGreaterThan(0);
    expect(total).toBeLessThan(300 * 1024);
    await page.context().close();
  });
});
