import type { AccountScope } from "../../db/account-scope";
import { NotFoundError, ValidationError } from "../../errors";
import { domainOf, rangeOf } from "./company-directory";
import type { CompanyDirectory } from "./company-directory";
import type { EventIngestion } from "./event-ingestion";

export interface NoiseTarget {
  domain?: string | null;
  ipRange?: string | null;
  companyId?: string | null;
}

export interface NoiseRule {
  id: string;
  domain: string | null;
  ipRange: string | null;
  companyId: string | null;
  reason: string;
  source: "manual" | "proposal";
  hits: number;
  createdAt: Date;
  undoneAt: Date | null;
}

export interface NoiseProposal {
  domain: string | null;
  companyId: string | null;
  reason: string;
}

/** Visits in 30 days with no engagement at all, across accounts, that make a domain look like noise. */
const IDLE_VISITS = 500;

const COLUMNS = `id, domain, ip_range::text AS "ipRange", company_id AS "companyId", reason, source, hits::int AS hits,
  created_at AS "createdAt", undone_at AS "undoneAt"`;

/**
 * Noise the account wants out of its data: rules on a domain, an IP range or a company that ingestion applies before
 * identification (the events are still archived, marked with the rule), with a count of what each dropped. Undoing a
 * rule and reprocessing since it was made brings its events back. Proposals come from what all accounts' data says.
 */
export class NoiseService {
  constructor(
    private readonly directory: CompanyDirectory,
    private readonly ingestion: EventIngestion,
  ) {}

  async mark(scope: AccountScope, target: NoiseTarget, reason: string, source: "manual" | "proposal" = "manual"): Promise<NoiseRule> {
    const given = [target.domain, target.ipRange, target.companyId].filter((v) => v != null && v !== "");
    if (given.length !== 1) throw new ValidationError("exactly one of domain, ipRange, companyId");
    if (!reason.trim()) throw new ValidationError("reason: must not be empty", { field: "reason" });
    let domain: string | null = null;
    let range: string | null = null;
    let company: string | null = null;
    if (target.domain) {
      domain = domainOf(target.domain);
      if (!domain) throw new ValidationError(`domain: ${target.domain} is not a domain`, { field: "domain" });
    } else if (target.ipRange) {
      range = rangeOf(target.ipRange);
    } else {
      company = await this.directory.resolve(target.companyId!);
      const known = company && (await scope.query(`SELECT 1 FROM account_company WHERE account_id = $1 AND company_id = $2`, [company])).length;
      if (!known) throw new NotFoundError(`company ${target.companyId} not found`);
    }
    const [rule] = await scope.query<NoiseRule>(
      `INSERT INTO noise_rule (account_id, domain, ip_range, company_id, reason, source) VALUES ($1, $2, $3::cidr, $4, $5, $6) RETURNING ${COLUMNS}`,
      [domain, range, company, reason.trim(), source],
    );
    if (company) await scope.query(`UPDATE account_company SET noise = true WHERE account_id = $1 AND company_id = $2`, [company]);
    return rule;
  }

  rules(scope: AccountScope, includeUndone = false): Promise<NoiseRule[]> {
    return scope.query<NoiseRule>(
      `SELECT ${COLUMNS} FROM noise_rule WHERE account_id = $1 AND ($2 OR undone_at IS NULL) ORDER BY created_at DESC, id`,
      [includeUndone],
    );
  }

  /** Stops applying a rule; with `reprocess`, the account's events since the rule was made count again. */
  async undo(scope: AccountScope, id: string, reprocess: boolean): Promise<NoiseRule> {
    const [result] = (await scope.query(
      `UPDATE noise_rule SET undone_at = coalesce(undone_at, now()) WHERE account_id = $1 AND id::text = $2 RETURNING ${COLUMNS}`,
      [id],
    )) as unknown as [NoiseRule[]];
    const rule = result[0];
    if (!rule) throw new NotFoundError(`noise rule ${id} not found`);
    if (rule.companyId) {
      await scope.query(
        `UPDATE account_company SET noise = false WHERE account_id = $1 AND company_id = $2
           AND NOT EXISTS (SELECT 1 FROM noise_rule n WHERE n.account_id = $1 AND n.company_id = $2 AND n.undone_at IS NULL)`,
        [rule.companyId],
      );
    }
    if (reprocess) await this.ingestion.reprocess(scope, rule.createdAt);
    return rule;
  }

  /**
   * Rules worth making, from every account's data (counts only, never another account's records): domains with
   * many visits and no engagement anywhere in 30 days, and companies that two or more accounts demote.
   */
  async proposals(scope: AccountScope): Promise<NoiseProposal[]> {
    const idle = await scope.query<{ domain: string; visits: number; accounts: number }>(
      `SELECT d.domain, sum(s.visits)::int AS visits, count(DISTINCT s.account_id)::int AS accounts
         FROM company_daily_signal s JOIN company_domain d ON d.company_id = s.company_id
        WHERE s.day >= current_date - 30
          AND NOT EXISTS (SELECT 1 FROM noise_rule n WHERE n.account_id = $1 AND n.undone_at IS NULL AND n.domain = d.domain)
        GROUP BY d.domain
       HAVING sum(s.contacts + s.form_submissions + s.chats) = 0 AND sum(s.visits) >= $2
        ORDER BY visits DESC LIMIT 50`,
      [IDLE_VISITS],
    );
    const demoted = await scope.query<{ company_id: string; accounts: number }>(
      `SELECT c.id AS company_id, count(DISTINCT r.account_id)::int AS accounts
         FROM score_rule r JOIN company c ON (r.field = 'company' AND c.id::text = r.value) OR (r.field = 'domain' AND r.value = ANY (c.domains))
        WHERE r.boost_by < 0
          AND EXISTS (SELECT 1 FROM account_company ac WHERE ac.account_id = $1 AND ac.company_id = c.id AND NOT ac.noise)
        GROUP BY c.id HAVING count(DISTINCT r.account_id) >= 2
        ORDER BY accounts DESC LIMIT 50`,
    );
    return [
      ...idle.map((d) => ({ domain: d.domain, companyId: null, reason: `${d.visits} visits in 30 days across ${accounts(d.accounts)}, no engagement` })),
      ...demoted.map((c) => ({ domain: null, companyId: c.company_id, reason: `demoted by ${accounts(c.accounts)}` })),
    ];
  }
}

const accounts = (n: number) => (n === 1 ? "1 account" : `${n} accounts`);
