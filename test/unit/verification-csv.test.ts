import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import {
  compareWithVerification,
  loadVerificationFile,
  parseVerificationCsv,
  parseVerificationLine,
  VerifiedCustomer,
} from "../../src/services/customers/verification-csv";

const DATASETS = path.resolve(__dirname, "../../../shared/datasets/customerio");

describe("parseVerificationLine", () => {
  it("splits attributes from event counts; created_at stays an attribute", () => {
    expect(parseVerificationLine("11,city=Nathentown,created_at=1539035840,aston martinjazmyne=A B,backuplime=9,connectlightcyan=6", 1)).toEqual({
      id: "11",
      attributes: { city: "Nathentown", created_at: "1539035840", "aston martinjazmyne": "A B" },
      events: { backuplime: 9, connectlightcyan: 6 },
    });
  });

  it("reads a customer without events from its trailing comma", () => {
    expect(parseVerificationLine("7,created_at=1,email=a@b.c,", 1)).toEqual({ id: "7", attributes: { created_at: "1", email: "a@b.c" }, events: {} });
    expect(parseVerificationLine("8,", 1)).toEqual({ id: "8", attributes: {}, events: {} });
  });

  it("splits a field at its first '=', so a value may contain '='", () => {
    expect(parseVerificationLine("1,formula=a=b,empty=,x=1", 1)).toEqual({ id: "1", attributes: { formula: "a=b", empty: "" }, events: { x: 1 } });
  });

  it("keeps a __proto__ key as an ordinary key", () => {
    const customer = parseVerificationLine("1,__proto__=x", 1);
    expect(Object.getOwnPropertyDescriptor(customer.attributes, "__proto__")?.value).toBe("x");
  });

  it("refuses a field without '=' and an empty id, naming the line", () => {
    expect(() => parseVerificationLine("1,a=b,oops,c=1", 4)).toThrow('verification line 4: field 3 has no "=": "oops"');
    expect(() => parseVerificationLine("1,a=b,,c=1", 5)).toThrow("verification line 5: field 3");
    expect(() => parseVerificationLine(",a=b", 6)).toThrow("verification line 6: empty customer id");
  });
});

describe("parseVerificationCsv", () => {
  it("reads LF and CRLF files, skipping blank lines and numbering errors by line", () => {
    expect(parseVerificationCsv("1,a=x,e=2\r\n\r\n2,b=y,\n").map((c) => c.id)).toEqual(["1", "2"]);
    expect(() => parseVerificationCsv("1,a=x\n\n3,broken\n")).toThrow("verification line 3");
  });
});

describe("loadVerificationFile", () => {
  it("reads a gzipped file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "conflux-verify-"));
    try {
      const file = path.join(dir, "verify.csv.gz");
      fs.writeFileSync(file, zlib.gzipSync("1,created_at=5,city=Zoë,page=3\n2,created_at=6,\n"));
      expect(await loadVerificationFile(file)).toEqual([
        { id: "1", attributes: { created_at: "5", city: "Zoë" }, events: { page: 3 } },
        { id: "2", attributes: { created_at: "6" }, events: {} },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const verify1 = path.join(DATASETS, "verify.1.csv.gz");
  (fs.existsSync(verify1) ? it : it.skip)(`reads the dataset's verify.1.csv.gz (skipped when ${DATASETS} is absent)`, async () => {
    const customers = await loadVerificationFile(verify1);
    expect(customers).toHaveLength(20);
    expect(customers.map((c) => c.id)).toEqual(customers.map((c) => c.id).sort());
    for (const c of customers) expect(c.attributes.created_at).toMatch(/^\d+$/);
    expect(customers[0]).toMatchObject({ id: "1", attributes: { city: "Coralieborough" }, events: { backupspringgreen: 4 } });
  });
});

describe("compareWithVerification", () => {
  const expected: VerifiedCustomer[] = [
    { id: "1", attributes: { city: "A", email: "a@x" }, events: { page: 2, buy: 1 } },
    { id: "2", attributes: { city: "B" }, events: {} },
    { id: "3", attributes: {}, events: { page: 1 } },
  ];
  const copy = (customers: VerifiedCustomer[]) => customers.map((c) => ({ ...c, attributes: { ...c.attributes }, events: { ...c.events } }));

  it("finds nothing when everything matches, in any order and with extra fields such as lastUpdated", () => {
    const actual = copy(expected).reverse().map((c) => ({ ...c, lastUpdated: 123 }));
    expect(compareWithVerification(expected, actual)).toEqual({ mismatches: [], total: 0, customersAffected: 0 });
  });

  it("reports missing and extra customers, and each differing, missing or unexpected attribute and event", () => {
    const actual = copy(expected);
    actual[0].attributes.city = "Z";
    delete actual[0].attributes.email;
    actual[0].events.page = 3;
    delete actual[0].events.buy;
    actual[1].attributes.extra = "e";
    actual[1].events.page = 1;
    actual.splice(2, 1);
    actual.push({ id: "4", attributes: {}, events: {} });
    const report = compareWithVerification(expected, actual);
    expect(report.mismatches).toEqual([
      'customer 1: attribute "city": expected "A", got "Z"',
      'customer 1: attribute "email": expected "a@x", missing',
      'customer 1: event "page": expected 2, got 3',
      'customer 1: event "buy": expected 1, missing',
      'customer 2: attribute "extra": unexpected, got "e"',
      'customer 2: event "page": unexpected, got 1',
      "customer 3: missing",
      "customer 4: not in the verification file",
    ]);
    expect(report.total).toBe(8);
    expect(report.customersAffected).toBe(4);
  });

  it("reports a customer listed twice", () => {
    const report = compareWithVerification(expected, [...copy(expected), copy(expected)[1]]);
    expect(report.mismatches).toEqual(["customer 2: listed more than once"]);
  });

  it("lists only the first `limit` mismatches but counts them all", () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ id: String(i), attributes: {}, events: {} }));
    const report = compareWithVerification(many, [], 5);
    expect(report.mismatches).toHaveLength(5);
    expect(report.total).toBe(50);
    expect(report.customersAffected).toBe(50);
  });

  it("shortens huge values in messages", () => {
    const report = compareWithVerification(
      [{ id: "1", attributes: { a: "x".repeat(70_000) }, events: {} }],
      [{ id: "1", attributes: { a: "y" }, events: {} }],
    );
    expect(report.mismatches[0].length).toBeLessThan(150);
  });
});
