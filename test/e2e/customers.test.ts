import type { Browser, Page, Route } from "playwright-core";
import { startTestConflux, TestConflux } from "../helpers/test-conflux";
import { CustomerDocument, TrackActivityDocument } from "../generated/graphql";
import { checkPage, describeInBrowser, goTo, launchBrowser, openConsole } from "./console-browser";

let t: TestConflux;
let browser: Browser;

const pad = (i: number) => String(i).padStart(2, "0");

beforeAll(async () => {
  t = await startTestConflux();
  browser = await launchBrowser();
  // 30 customers c01…c30: odd ones at acme.test, every third one on the gold plan; c01 has events.
  // Old timestamps, so the console's edits (stamped now) are always the latest.
  const items = Array.from({ length: 30 }, (_, n) => {
    const i = n + 1;
    return {
      id: `seed-${i}`,
      type: "attributes",
      userId: `c${pad(i)}`,
      data: { email: `customer${pad(i)}@${i % 2 ? "acme" : "other"}.test`, plan: i % 3 === 0 ? "gold" : "silver", created_at: String(1_700_000_000 + i * 86_400) },
      timestamp: 1000 + i,
    };
  });
  const events = ["e1", "e2", "e3"].map((id) => ({ id, type: "event", name: "page", userId: "c01", data: { url: "/" }, timestamp: 1100 }));
  events.push({ id: "e4", type: "event", name: "signup", userId: "c01", data: { url: "/join" }, timestamp: 1101 });
  const res = await t.gql(TrackActivityDocument, { items: [...items, ...events] });
  expect(res.data?.trackActivity.errorCount).toBe(0);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** The customer's attributes as the API has them (never what the page shows). */
async function apiAttributes(id: string): Promise<Record<string, string>> {
  const res = await t.gql(CustomerDocument, { id });
  return Object.fromEntries(res.data!.customer.attributes.map((a) => [a.name, a.value]));
}

/** The variables of every updateCustomer request the page sends. */
function recordUpdates(page: Page): Record<string, unknown>[] {
  const sent: Record<string, unknown>[] = [];
  page.on("request", (request) => {
    const body = request.method() === "POST" && request.url().endsWith("/graphql") ? request.postDataJSON() : null;
    if (body?.query?.includes("updateCustomer")) sent.push(body.variables.attributes);
  });
  return sent;
}

const summary = (page: Page, text: string) => page.getByTestId("customer-summary").filter({ hasText: text }).waitFor();
const rowIds = (page: Page) => page.locator("table.customer-table tbody th").allTextContents();
const attributeValue = (page: Page, name: string) =>
  page.getByTestId("attribute-table").getByRole("row", { name: new RegExp(`^${name} `) }).getByRole("cell");

async function openCustomer(page: Page, id: string): Promise<void> {
  await goTo(page, `/customers/${id}`, `Customer ${id}`);
  await page.getByTestId("attribute-table").waitFor();
}

async function saveAndWait(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.getByTestId("save-status").filter({ hasText: "Saved." }).waitFor();
}

describeInBrowser("console customers", () => {
  it("lists customers with the total, pages forward and back, and answers pages already seen from the cache", async () => {
    const page = await openConsole(browser, t.baseUrl, t.adminKey);
    await page.getByRole("heading", { level: 1, name: "Customers" }).waitFor();
    await summary(page, "Showing 1–25 of 30 customers");
    expect(await page.getByTestId("customer-total").textContent()).toBe("30");
    const first = await rowIds(page);
    expect(first).toHaveLength(25);
    expect(first[0]).toBe("c01");
    expect(await page.getByRole("columnheader").allTextContents()).toEqual(["Id", "Email", "Created", "Last updated"]);
    expect(await page.getByRole("button", { name: "Previous" }).isDisabled()).toBe(true);
    await checkPage(page, "customers-list");

    await page.getByRole("button", { name: "Next" }).click();
    await summary(page, "Showing 26–30 of 30 customers");
    expect(await rowIds(page)).toEqual(["c26", "c27", "c28", "c29", "c30"]);
    expect(await page.getByTestId("customer-page-number").textContent()).toBe("Page 2 of 2");
    expect(await page.getByRole("button", { name: "Next" }).isDisabled()).toBe(true);

    // From here the network holds every list query: a page can only show if urql's cache has it.
    const held: Route[] = [];
    await page.route("**/graphql", (route) => {
      if (route.request().postData()?.includes("CustomerList")) held.push(route);
      else void route.continue();
    });
    await page.getByRole("button", { name: "Previous" }).click();
    await summary(page, "Showing 1–25 of 30 customers");
    expect((await rowIds(page))[0]).toBe("c01");
    await page.getByRole("button", { name: "Next" }).click();
    await summary(page, "Showing 26–30 of 30 customers");
    expect(held).toHaveLength(0);
    await page.unrouteAll({ behavior: "wait" });

    // The row links to the customer, and going back shows the same page of the list.
    await page.getByRole("link", { name: "c27" }).click();
    await page.getByRole("heading", { level: 1, name: "Customer c27" }).waitFor();
    expect(new URL(page.url()).hash).toBe("#/customers/c27");
    await page.goBack();
    await summary(page, "Showing 26–30 of 30 customers");
    await page.context().close();
  });

  it("searches by an attribute with contains or equals, orders, and clears the search", async () => {
    const page = await openConsole(browser, t.baseUrl, t.adminKey);
    await summary(page, "of 30 customers");

    await page.getByLabel("Attribute").fill("email");
    await page.getByLabel("Match").selectOption("contains");
    await page.getByLabel("Value").fill("ACME");
    await page.getByRole("button", { name: "Search" }).click();
    await summary(page, "Showing 1–15 of 15 customers whose email contains “ACME”");
    expect((await rowIds(page)).every((id) => Number(id.slice(1)) % 2 === 1)).toBe(true);

    await page.getByLabel("Attribute").fill("plan");
    await page.getByLabel("Match").selectOption("equals");
    await page.getByLabel("Value").fill("gold");
    await page.getByRole("button", { name: "Search" }).click();
    await summary(page, "of 10 customers whose plan equals “gold”");
    expect(await rowIds(page)).toEqual(["c03", "c06", "c09", "c12", "c15", "c18", "c21", "c24", "c27", "c30"]);
    // The searched attribute gets its own column.
    expect(await page.getByRole("columnheader").allTextContents()).toEqual(["Id", "Email", "plan", "Created", "Last updated"]);
    expect(new Set(await page.locator("table.customer-table tbody td:nth-child(3)").allTextContents())).toEqual(new Set(["gold"]));

    await page.getByLabel("Order").selectOption({ label: "Id, Z to A" });
    await page.getByLabel("Per page").selectOption("10");
    await page.locator("table.customer-table tbody th").first().filter({ hasText: "c30" }).waitFor();
    expect(await rowIds(page)).toEqual(["c30", "c27", "c24", "c21", "c18", "c15", "c12", "c09", "c06", "c03"]);

    await page.getByLabel("Value").fill("platinum");
    await page.getByRole("button", { name: "Search" }).click();
    await summary(page, "No customer matches this search.");

    await page.getByRole("button", { name: "Clear" }).click();
    await summary(page, "Showing 1–10 of 30 customers");
    expect((await rowIds(page))[0]).toBe("c30");
    await page.context().close();
  });

  it("shows a customer: id, email, creation date, last update, every attribute and event counts", async () => {
    const page = await openConsole(browser, t.baseUrl, t.adminKey);
    await openCustomer(page, "c01");
    expect(await page.getByTestId("customer-id").textContent()).toBe("c01");
    expect(await page.getByTestId("customer-email").textContent()).toBe("customer01@acme.test");
    expect(await page.getByTestId("customer-created").textContent()).toBe("15 Nov 2023, 22:13:20 UTC");
    expect(await page.getByTestId("customer-last-updated").textContent()).toBe("1 Jan 1970, 00:18:21 UTC");
    const attributes = await page.getByTestId("attribute-table").locator("tbody tr").allInnerTexts();
    expect(attributes.map((row) => row.split("\t"))).toEqual([
      ["created_at", "1700086400"],
      ["email", "customer01@acme.test"],
      ["plan", "silver"],
    ]);
    const events = await page.getByTestId("event-table").locator("tbody tr").allInnerTexts();
    expect(events.map((row) => row.split("\t"))).toEqual([
      ["page", "3"],
      ["signup", "1"],
    ]);
    await checkPage(page, "customer-page");

    await openCustomer(page, "c02");
    expect(await page.getByTestId("no-events").textContent()).toBe("No events");
    await page.context().close();
  });

  it("adds, changes and removes attributes, sending only the changed keys, each persisted through the API", async () => {
    const page = await openConsole(browser, t.baseUrl, t.adminKey);
    const sent = recordUpdates(page);
    await openCustomer(page, "c03");

    await page.getByRole("button", { name: "Edit attributes" }).click();
    await page.getByRole("button", { name: "Add attribute" }).click();
    const name = page.getByLabel("Name of new attribute 1");
    expect(await name.evaluate((el) => el === document.activeElement)).toBe(true);
    await name.fill("city");
    await page.getByLabel("Value of new attribute 1").fill("Oslo");
    await saveAndWait(page);
    expect(await attributeValue(page, "city").textContent()).toBe("Oslo");
    expect(await apiAttributes("c03")).toMatchObject({ city: "Oslo", plan: "gold" });

    await page.getByRole("button", { name: "Edit attributes" }).click();
    await page.getByLabel("Value of plan").fill("platinum");
    await saveAndWait(page);
    expect(await attributeValue(page, "plan").textContent()).toBe("platinum");
    expect((await apiAttributes("c03")).plan).toBe("platinum");

    await page.getByRole("button", { name: "Edit attributes" }).click();
    await page.getByRole("button", { name: "Remove city" }).click();
    expect(await page.getByRole("button", { name: "Keep city" }).isVisible()).toBe(true);
    await saveAndWait(page);
    expect(await page.getByTestId("attribute-table").getByRole("rowheader").allTextContents()).toEqual(["created_at", "email", "plan"]);
    const after = await apiAttributes("c03");
    expect(after).not.toHaveProperty("city");
    expect(after).toMatchObject({ email: "customer03@acme.test", plan: "platinum" });

    // Merge semantics: each save sent only what changed, a removal as null.
    expect(sent).toEqual([{ city: "Oslo" }, { plan: "platinum" }, { city: null }]);
    await page.context().close();
  });

  it("checks new attribute names as they are typed, tied to the input, with Save disabled while one is wrong", async () => {
    const page = await openConsole(browser, t.baseUrl, t.adminKey);
    await openCustomer(page, "c04");
    await page.getByRole("button", { name: "Edit attributes" }).click();
    await page.getByRole("button", { name: "Add attribute" }).click();
    const save = page.getByRole("button", { name: "Save changes" });
    const name = page.getByLabel("Name of new attribute 1");

    /** The message the input points to with aria-describedby, once it is marked invalid. */
    const messageOf = async (input: typeof name) => {
      await page.locator(`#${await input.getAttribute("id")}[aria-invalid="true"]`).waitFor();
      const describedBy = await input.getAttribute("aria-describedby");
      return page.locator(`#${describedBy}`).textContent();
    };

    expect(await messageOf(name)).toBe("Enter a name for the attribute.");
    expect(await save.isDisabled()).toBe(true);

    await name.pressSequentially("plan");
    expect(await messageOf(name)).toBe("This customer already has an attribute named “plan”: change its value above instead.");
    expect(await save.isDisabled()).toBe(true);

    await name.fill("id");
    expect(await messageOf(name)).toBe("“id” is reserved: it is the customer's id, not an attribute, and cannot be set.");
    expect(await save.isDisabled()).toBe(true);
    await checkPage(page, "customer-attribute-editor");

    await name.fill("colour");
    await page.locator("#attr-new-1-name:not([aria-invalid])").waitFor();
    expect(await name.getAttribute("aria-describedby")).toBeNull();
    expect(await save.isEnabled()).toBe(true);

    // The same name twice in the form: the second row is the one marked.
    await page.getByRole("button", { name: "Add attribute" }).click();
    const second = page.getByLabel("Name of new attribute 2");
    await second.fill(" colour ");
    expect(await messageOf(second)).toBe("“colour” is already added in this form: use one row per attribute.");
    expect(await save.isDisabled()).toBe(true);
    expect(await page.locator("#attribute-editor-status").textContent()).toBe("Fix the name marked in red to save.");

    // Removing the extra row puts the focus back on "Add attribute" and Save is allowed again.
    await page.getByRole("button", { name: "Remove new attribute 2" }).click();
    expect(await page.getByRole("button", { name: "Add attribute" }).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await save.isEnabled()).toBe(true);

    await name.fill("");
    expect(await messageOf(name)).toBe("Enter a name for the attribute.");
    expect(await save.isDisabled()).toBe(true);

    await page.getByRole("button", { name: "Cancel" }).click();
    expect(await page.getByRole("button", { name: "Edit attributes" }).isVisible()).toBe(true);
    expect(await apiAttributes("c04")).not.toHaveProperty("colour");
    await page.context().close();
  });

  it("shows a save at once and rolls it back with the server's message when it fails", async () => {
    const page = await openConsole(browser, t.baseUrl, t.adminKey);
    await openCustomer(page, "c05");

    // Only the updateCustomer request fails, and only once the page has shown the new value.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/graphql", async (route) => {
      if (!route.request().postData()?.includes("updateCustomer")) return route.continue();
      await released;
      await route.fulfill({
        status: 200,
        contentType: "application/json",
        body: JSON.stringify({ data: null, errors: [{ message: "The database is in maintenance, try again later", extensions: { code: "INTERNAL_SERVER_ERROR" } }] }),
      });
    });

    await page.getByRole("button", { name: "Edit attributes" }).click();
    await page.getByLabel("Value of plan").fill("platinum");
    await page.getByRole("button", { name: "Save changes" }).click();
    await attributeValue(page, "plan").filter({ hasText: "platinum" }).waitFor();
    expect(await page.getByTestId("save-status").textContent()).toBe("Saving…");

    release();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("The database is in maintenance, try again later");
    expect(await attributeValue(page, "plan").textContent()).toBe("silver");
    expect((await apiAttributes("c05")).plan).toBe("silver");

    // The editor is open again with the draft that failed, the focus on the value it changed.
    const plan = page.getByLabel("Value of plan");
    expect(await plan.inputValue()).toBe("platinum");
    expect(await plan.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByRole("button", { name: "Edit attributes" }).count()).toBe(0);
    await page.unrouteAll({ behavior: "wait" });

    // Once the server answers again, saving the same draft works and clears the alert.
    await saveAndWait(page);
    expect(await attributeValue(page, "plan").textContent()).toBe("platinum");
    expect(await page.getByRole("alert").count()).toBe(0);
    expect((await apiAttributes("c05")).plan).toBe("platinum");

    // A save the server itself refuses (the email cannot be removed) rolls back the same way.
    await page.getByRole("button", { name: "Edit attributes" }).click();
    await page.getByRole("button", { name: "Remove email" }).click();
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("alert").filter({ hasText: "attributes.email: cannot be removed" }).waitFor();
    expect(await attributeValue(page, "email").textContent()).toBe("customer05@acme.test");
    expect(await page.getByTestId("customer-email").textContent()).toBe("customer05@acme.test");
    expect((await apiAttributes("c05")).email).toBe("customer05@acme.test");

    // The draft is back with the email still marked for removal: the user keeps it, changes the plan instead, saves.
    const keep = page.getByRole("button", { name: "Keep email" });
    await keep.waitFor();
    expect(await keep.evaluate((el) => el === document.activeElement)).toBe(true);
    await keep.click();
    await page.getByLabel("Value of plan").fill("bronze");
    await saveAndWait(page);
    expect(await attributeValue(page, "plan").textContent()).toBe("bronze");
    expect(await apiAttributes("c05")).toMatchObject({ plan: "bronze", email: "customer05@acme.test" });
    await page.context().close();
  });

  it("says clearly when a customer does not exist", async () => {
    const page = await openConsole(browser, t.baseUrl, t.adminKey);
    await goTo(page, "/customers/nobody-here", "Customer not found");
    expect(await page.locator(".customer-not-found").textContent()).toContain("There is no customer with the id nobody-here in this account.");
    await page.getByRole("link", { name: "Back to all customers" }).click();
    await page.getByRole("heading", { level: 1, name: "Customers" }).waitFor();
    await page.context().close();
  });

  it("creates a customer from an id and an email, then deletes it after confirming", async () => {
    const page = await openConsole(browser, t.baseUrl, t.adminKey);
    await summary(page, "of 30 customers");
    await page.getByRole("button", { name: "New customer" }).click();
    const id = page.getByLabel("Id", { exact: true });
    expect(await id.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.getByRole("button", { name: "Create customer" }).click();
    expect(await id.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#new-customer-id-error").textContent()).toBe("Enter the customer's id.");
    expect(await page.locator("#new-customer-email-error").textContent()).toBe("Enter the customer's email.");

    // An id that exists: the server's CONFLICT message.
    await id.fill("c01");
    await page.getByLabel("Email").fill("again@acme.test");
    await page.getByRole("button", { name: "Create customer" }).click();
    await page.getByRole("alert").filter({ hasText: "customer c01 already exists" }).waitFor();

    await id.fill("new-one");
    await page.getByRole("button", { name: "Create customer" }).click();
    await page.getByRole("heading", { level: 1, name: "Customer new-one" }).waitFor();
    expect(await page.getByTestId("customer-email").textContent()).toBe("again@acme.test");
    expect((await apiAttributes("new-one")).email).toBe("again@acme.test");

    await page.getByRole("button", { name: "Delete customer" }).click();
    await page.getByRole("button", { name: "Cancel" }).click();
    expect(await page.getByRole("button", { name: "Yes, delete new-one" }).count()).toBe(0);
    await page.getByRole("button", { name: "Delete customer" }).click();
    await page.getByRole("button", { name: "Yes, delete new-one" }).click();
    await page.getByRole("heading", { level: 1, name: "Customers" }).waitFor();
    expect(await page.getByRole("status").filter({ hasText: "Customer new-one was deleted." }).count()).toBe(1);
    await summary(page, "of 30 customers");
    const gone = await t.gql(CustomerDocument, { id: "new-one" });
    expect(gone.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    await page.context().close();
  });
});
