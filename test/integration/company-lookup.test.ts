import { startTestConflux, TestConflux } from "../helpers/test-conflux";
import { CompanyLookup, LookupKey } from "../../src/services/companies/company-lookup";
import { ipv4Bits } from "../../src/services/companies/web-event";
import { CompanyDirectory } from "../../src/services/companies/company-directory";
import { ScoringService } from "../../src/services/companies/scoring-service";
import { EventIngestion } from "../../src/services/companies/event-ingestion";
import { archiveWithJson } from "../../src/services/companies/web-event-archive";
import { AccountScope } from "../../src/db/account-scope";
import { CompaniesDocument, ImportCompaniesDocument, IngestWebEventsDocument, MergeCompaniesDocument } from "../generated/graphql";

/**
 * Identification answers from per-process caches; these check that what changes in the directory reaches them,
 * in the server's own process and in another one (a second CompanyLookup over the same database, as another
 * server or worker process holds).
 */
let t: TestConflux;
const today = new Date().toISOString();

beforeAll(async () => {
  t = await startTestConflux();
});

afterAll(async () => {
  await t?.close();
});

/** The lookup of "another process", with a directory of its own. */
function otherProcess(): CompanyLookup {
  const directory = new CompanyDirectory(t.conflux.services.dataSource, new ScoringService());
  return new CompanyLookup(t.conflux.services.dataSource, (domains, sql) => directory.companiesOfDomains(domains, sql));
}

const ip = (address: string) => ({ domain: null, ip: address, v4: ipv4Bits(address) });
const domain = (name: string) => ({ domain: name, ip: null, v4: null });
const companiesOf = async (lookup: CompanyLookup, keys: LookupKey[]) => (await lookup.identify(keys)).companies;

async function ingest(events: Record<string, unknown>[]) {
  const res = await t.gql(IngestWebEventsDocument, { events: events as never });
  expect(res.errors).toBeUndefined();
  return res.data!.ingestWebEvents;
}

async function idOf(name: string): Promise<string> {
  const res = await t.gql(CompaniesDocument, { filter: { search: name }, first: 10 });
  return res.data!.companies.edges.find((e) => e.node.domains.includes(name))!.node.id;
}

async function visitsOf(companyId: string): Promise<number> {
  const [{ n }] = await t.conflux.services.dataSource.query(
    `SELECT coalesce(sum(visits), 0)::int AS n FROM company_daily_signal WHERE company_id = $1`,
    [companyId],
  );
  return n;
}

describe("company lookup", () => {
  it("sees a range imported after its addresses were met as unknown, and a narrower one added later", async () => {
    const imported = await t.gql(ImportCompaniesDocument, {
      companies: [{ name: "Wide Net", domains: ["widenet.example"], ipRanges: ["172.30.0.0/16"] }],
    });
    expect(imported.errors).toBeUndefined();
    expect(await ingest([
      { type: "visit", occurredAt: today, ip: "172.30.5.5" },
      { type: "visit", occurredAt: today, ip: "172.31.9.9" },
    ])).toMatchObject({ identified: 1, unknown: 1 });
    const other = otherProcess();
    expect(await companiesOf(other, [ip("172.31.9.9")])).toEqual([null]);

    await t.gql(ImportCompaniesDocument, {
      companies: [
        { name: "Late Net", domains: ["latenet.example"], ipRanges: ["172.31.0.0/16"] },
        { name: "Inner Net", domains: ["innernet.example"], ipRanges: ["172.30.5.0/24"] },
      ],
    });
    expect(await ingest([
      { type: "visit", occurredAt: today, ip: "172.31.9.9" },
      { type: "visit", occurredAt: today, ip: "172.30.5.5" },
      { type: "visit", occurredAt: today, ip: "172.30.6.6" },
    ])).toMatchObject({ identified: 3, unknown: 0 });
    expect(await visitsOf(await idOf("latenet.example"))).toBe(1);
    expect(await visitsOf(await idOf("innernet.example"))).toBe(1);
    expect(await visitsOf(await idOf("widenet.example"))).toBe(2);
    expect(await companiesOf(other, [ip("172.31.9.9"), ip("172.30.5.5"), ip("172.30.6.6"), ip("172.29.0.1")])).toEqual([
      { companyId: await idOf("latenet.example"), by: "ip" },
      { companyId: await idOf("innernet.example"), by: "ip" },
      { companyId: await idOf("widenet.example"), by: "ip" },
      null,
    ]);
  });

  it("identifies IPv6 addresses by the narrowest range, as IPv4", async () => {
    await t.gql(ImportCompaniesDocument, {
      companies: [
        { name: "Six Wide", domains: ["sixwide.example"], ipRanges: ["2001:db8::/32"] },
        { name: "Six Narrow", domains: ["sixnarrow.example"], ipRanges: ["2001:db8:1::/48"] },
      ],
    });
    expect(await companiesOf(otherProcess(), [ip("2001:db8:1::5"), ip("2001:db8:2::5"), ip("2001:db9::1")])).toEqual([
      { companyId: await idOf("sixnarrow.example"), by: "ip" },
      { companyId: await idOf("sixwide.example"), by: "ip" },
      null,
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
    expect(await companiesOf(other, [domain("initech-labs.example")])).toEqual([{ companyId: gone, by: "domain" }]);

    expect((await t.gql(MergeCompaniesDocument, { keep, merge: gone })).errors).toBeUndefined();
    await ingest([{ type: "visit", occurredAt: today, email: "c@initech-labs.example" }]);
    expect(await visitsOf(keep)).toBe(3);
    expect(await visitsOf(gone)).toBe(0);
    expect(await companiesOf(other, [domain("initech-labs.example")])).toEqual([{ companyId: keep, by: "domain" }]);
  });

  it("creates one company for a new corporate domain however many processes meet it at once", async () => {
    const processes = [otherProcess(), otherProcess(), otherProcess()];
    const answers = await Promise.all(processes.map((p) => companiesOf(p, [domain("brand-new-corp.example"), domain("brand-new-corp.example")])));
    const ids = new Set(answers.flat().map((a) => a!.companyId));
    expect(ids.size).toBe(1);
    const owners = await t.conflux.services.dataSource.query(
      `SELECT d.company_id, c.name FROM company_domain d JOIN company c ON c.id = d.company_id WHERE d.domain = 'brand-new-corp.example'`,
    );
    expect(owners).toEqual([{ company_id: [...ids][0], name: "Brand-New-Corp" }]);
  });

  it("counts a batch identified before a merge committed for the survivor", async () => {
    const { accountId } = await t.newAccount("merge-race");
    const s = t.conflux.services;
    const scope = AccountScope.of(s.dataSource, accountId);
    await s.eventIngestion.ingest(scope, [
      { type: "visit", occurredAt: today, email: "a@race-keep.example" },
      { type: "visit", occurredAt: today, email: "b@race-gone.example" },
    ]);
    const owner = async (d: string) => (await s.dataSource.query(`SELECT company_id FROM company_domain WHERE domain = $1`, [d]))[0].company_id as string;
    const keep = await owner("race-keep.example");
    const gone = await owner("race-gone.example");
    // The merge commits after this process identified the batch and before it stores it.
    const directory = new CompanyDirectory(s.dataSource, s.scoring);
    let merged = false;
    const lookup = new CompanyLookup(s.dataSource, async (domains, sql) => {
      const found = await directory.companiesOfDomains(domains, sql);
      if (!merged) {
        merged = true;
        await directory.merge(scope, keep, gone);
      }
      return found;
    });
    const ingestion = new EventIngestion(archiveWithJson, lookup, s.scoring, s.pubsub, s.clock);
    expect(await ingestion.ingest(scope, [{ type: "visit", occurredAt: today, email: "c@race-gone.example" }])).toMatchObject({ accepted: 1, identified: 1 });
    expect(merged).toBe(true);
    expect(await visitsOf(keep)).toBe(3);
    expect(await visitsOf(gone)).toBe(0);
    const links = await s.dataSource.query(`SELECT company_id FROM account_company WHERE account_id = $1 ORDER BY company_id`, [accountId]);
    expect(links).toEqual([{ company_id: keep }]);
    const [archived] = await s.dataSource.query(`SELECT company_id FROM web_event WHERE account_id = $1 AND email = 'c@race-gone.example'`, [accountId]);
    expect(archived.company_id).toBe(keep);
  });
});
