import { startTestConflux, TestConflux } from "../helpers/test-conflux";
import { CompanyLookup, networkOf } from "../../src/services/companies/company-lookup";
import { CompaniesDocument, ImportCompaniesDocument, IngestWebEventsDocument, MergeCompaniesDocument } from "../generated/graphql";

/**
 * Identification runs from a per-process cache; these check that what changes in the directory reaches it, in the
 * server's own process and in another one (a second CompanyLookup over the same database, as a worker would hold).
 */
let t: TestConflux;
const today = new Date().toISOString();

beforeAll(async () => {
  t = await startTestConflux();
});

afterAll(async () => {
  await t?.close();
});

/** A lookup of "another process": it creates no companies of its own. */
function otherProcess(): CompanyLookup {
  return new CompanyLookup(t.conflux.services.dataSource, async () => new Map());
}

async function ingest(events: Record<string, unknown>[]) {
  const res = await t.gql(IngestWebEventsDocument, { events: events as never });
  expect(res.errors).toBeUndefined();
  return res.data!.ingestWebEvents;
}

async function idOf(domain: string): Promise<string> {
  const res = await t.gql(CompaniesDocument, { filter: { search: domain }, first: 10 });
  return res.data!.companies.edges.find((e) => e.node.domains.includes(domain))!.node.id;
}

async function signalsOf(companyId: string): Promise<number> {
  const [{ n }] = await t.conflux.services.dataSource.query(
    `SELECT coalesce(sum(visits), 0)::int AS n FROM company_daily_signal WHERE company_id = $1`,
    [companyId],
  );
  return n;
}

describe("company lookup", () => {
  it("reduces addresses to their networks", () => {
    expect(networkOf("10.1.2.3", 16)).toBe("10.1.0.0/16");
    expect(networkOf("10.1.2.3", 32)).toBe("10.1.2.3/32");
    expect(networkOf("255.255.255.255", 0)).toBe("0.0.0.0/0");
    expect(networkOf("2001:db8:1::5", 32)).toBe("2001:db8::/32");
  });

  it("sees a range imported after its addresses were first met as unknown, and a narrower one added later", async () => {
    const imported = await t.gql(ImportCompaniesDocument, {
      companies: [{ name: "Wide Net", domains: ["widenet.example"], ipRanges: ["172.30.0.0/16"] }],
    });
    expect(imported.errors).toBeUndefined();
    expect(await ingest([
      { type: "visit", occurredAt: today, ip: "172.30.5.5" },
      { type: "visit", occurredAt: today, ip: "172.31.9.9" },
    ])).toMatchObject({ identified: 1, unknown: 1 });
    const other = otherProcess();
    expect(await other.identify([{ domain: null, ip: "172.31.9.9" }])).toEqual([null]);

    await t.gql(ImportCompaniesDocument, {
      companies: [
        { name: "Late Net", domains: ["latenet.example"], ipRanges: ["172.31.0.0/16"] },
        { name: "Inner Net", domains: ["innernet.example"], ipRanges: ["172.30.5.0/24"] },
      ],
    });
    expect(await ingest([
      { type: "visit", occurredAt: today, ip: "172.31.9.9" },
      { type: "visit", occurredAt: today, ip: "172.30.5.5" },
    ])).toMatchObject({ identified: 2, unknown: 0 });
    expect(await signalsOf(await idOf("latenet.example"))).toBe(1);
    expect(await signalsOf(await idOf("innernet.example"))).toBe(1);
    expect(await signalsOf(await idOf("widenet.example"))).toBe(1);
    expect(await other.identify([{ domain: null, ip: "172.31.9.9" }, { domain: null, ip: "172.30.5.5" }])).toEqual([
      { companyId: await idOf("latenet.example"), by: "ip" },
      { companyId: await idOf("innernet.example"), by: "ip" },
    ]);
  });

  it("follows a merge: the merged domain's events count for the survivor, in every process", async () => {
    await ingest([
      { type: "visit", occurredAt: today, email: "a@initech.example" },
      { type: "visit", occurredAt: today, email: "b@initech-labs.example" },
    ]);
    const keep = await idOf("initech.example");
    const gone = await idOf("initech-labs.example");
    const other = otherProcess();
    expect(await other.identify([{ domain: "initech-labs.example", ip: null }])).toEqual([{ companyId: gone, by: "domain" }]);

    expect((await t.gql(MergeCompaniesDocument, { keep, merge: gone })).errors).toBeUndefined();
    await ingest([{ type: "visit", occurredAt: today, email: "c@initech-labs.example" }]);
    expect(await signalsOf(keep)).toBe(3);
    expect(await signalsOf(gone)).toBe(0);
    expect(await other.identify([{ domain: "initech-labs.example", ip: null }])).toEqual([{ companyId: keep, by: "domain" }]);
  });

  it("starts again when the changes it missed were pruned", async () => {
    await ingest([{ type: "visit", occurredAt: today, email: "x@pruned-away.example" }]);
    const first = await idOf("pruned-away.example");
    const other = otherProcess();
    expect(await other.identify([{ domain: "pruned-away.example", ip: null }])).toEqual([{ companyId: first, by: "domain" }]);
    const ds = t.conflux.services.dataSource;
    // The domain moves to another company, and a day later that change is pruned by the next one.
    const [second] = await ds.query(`INSERT INTO company (name) VALUES ('Successor') RETURNING id`);
    await ds.query(`UPDATE company_domain SET company_id = $1 WHERE domain = 'pruned-away.example'`, [second.id]);
    await ds.query(`UPDATE company_directory_change SET changed_at = now() - interval '2 days'`);
    await ds.query(`INSERT INTO company_domain (domain, company_id) VALUES ('unrelated.example', $1)`, [second.id]);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM company_directory_change WHERE domain = 'pruned-away.example'`);
    expect(n).toBe(0);
    expect(await other.identify([{ domain: "pruned-away.example", ip: null }])).toEqual([{ companyId: second.id, by: "domain" }]);
  });
});
