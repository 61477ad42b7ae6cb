import type { AccountScope } from "../../db/account-scope";
import { ValidationError } from "../../errors";
import { anchorOf, factorOf, RULE_FIELDS, weightsOf } from "./scoring-sql";

export interface SignalWeights {
  visits: number;
  clicks: number;
  contacts: number;
  formSubmissions: number;
  chats: number;
  /** Every custom signal. */
  custom: number;
}

export interface ScoringSettings {
  weights: SignalWeights;
  halfLifeDays: number;
}

export interface ScoreRule {
  id: string;
  field: string;
  value: string;
  boostBy: number;
}

/** Engagement weighs more than presence: a form or a chat says more than a page view. */
export const DEFAULT_SCORING: ScoringSettings = {
  weights: { visits: 1, clicks: 2, contacts: 5, formSubmissions: 10, chats: 8, custom: 1 },
  halfLifeDays: 30,
};

/** The settings as the SQL of scoring-sql.ts reads them (a jsonb parameter). */
export function settingsJson(s: ScoringSettings): string {
  const w = s.weights;
  return JSON.stringify({
    visits: w.visits,
    clicks: w.clicks,
    contacts: w.contacts,
    form_submissions: w.formSubmissions,
    chats: w.chats,
    custom: w.custom,
    half_life_days: s.halfLifeDays,
  });
}

/**
 * An account's score rules (boosts and demotions) and signal weights. Changing either recomputes the account's
 * materialised scores in one statement; new signals move scores as they are ingested (EventIngestion).
 */
export class ScoringService {
  async settings(scope: AccountScope): Promise<ScoringSettings> {
    const [row] = await scope.query<{ weights: SignalWeights; half_life_days: number }>(
      `SELECT weights, half_life_days FROM scoring_settings WHERE account_id = $1`,
    );
    return row ? { weights: { ...DEFAULT_SCORING.weights, ...row.weights }, halfLifeDays: row.half_life_days } : DEFAULT_SCORING;
  }

  async setSettings(scope: AccountScope, changes: { weights?: Partial<SignalWeights>; halfLifeDays?: number }): Promise<ScoringSettings> {
    const current = await this.settings(scope);
    const next: ScoringSettings = { weights: { ...current.weights, ...changes.weights }, halfLifeDays: changes.halfLifeDays ?? current.halfLifeDays };
    for (const [k, v] of Object.entries(next.weights)) {
      if (!Number.isFinite(v) || v < 0) throw new ValidationError(`weights.${k}: a number ≥ 0`, { field: `weights.${k}` });
    }
    // Anchors grow as 2^(days / half-life): a week or more keeps them inside a double for centuries.
    if (!(next.halfLifeDays >= 7 && next.halfLifeDays <= 3650)) throw new ValidationError("halfLifeDays: between 7 and 3650", { field: "halfLifeDays" });
    await scope.query(
      `INSERT INTO scoring_settings (account_id, weights, half_life_days) VALUES ($1, $2, $3)
       ON CONFLICT (account_id) DO UPDATE SET weights = excluded.weights, half_life_days = excluded.half_life_days`,
      [JSON.stringify(next.weights), next.halfLifeDays],
    );
    await this.recomputeAnchors(scope, next);
    return next;
  }

  rules(scope: AccountScope): Promise<ScoreRule[]> {
    return scope.query<ScoreRule>(
      `SELECT id, field, value, boost_by AS "boostBy" FROM score_rule WHERE account_id = $1 ORDER BY created_at, id`,
    );
  }

  /** Adds or replaces the rule for (field, value). */
  async setRule(scope: AccountScope, field: string, value: string, boostBy: number): Promise<ScoreRule> {
    if (!(RULE_FIELDS as readonly string[]).includes(field)) throw new ValidationError(`field: one of ${RULE_FIELDS.join(", ")}`, { field: "field" });
    if (!value.trim()) throw new ValidationError("value: must not be empty", { field: "value" });
    if (field.startsWith("employees_") && !Number.isFinite(Number(value))) throw new ValidationError("value: a number of employees", { field: "value" });
    if (!Number.isFinite(boostBy) || boostBy < -1 || boostBy > 100) throw new ValidationError("boostBy: between -1 (hide) and 100", { field: "boostBy" });
    const [rule] = await scope.query<ScoreRule>(
      `INSERT INTO score_rule (account_id, field, value, boost_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (account_id, field, value) DO UPDATE SET boost_by = excluded.boost_by
       RETURNING id, field, value, boost_by AS "boostBy"`,
      [field, value.trim().toLowerCase(), boostBy],
    );
    await this.recomputeFactors(scope);
    return rule;
  }

  async removeRule(scope: AccountScope, id: string): Promise<boolean> {
    const [rows] = (await scope.query(`DELETE FROM score_rule WHERE account_id = $1 AND id::text = $2 RETURNING id`, [id])) as unknown as [unknown[]];
    if (!rows.length) return false;
    await this.recomputeFactors(scope);
    return true;
  }

  /** Every company of the account gets the boosts of the rules that match it now. */
  async recomputeFactors(scope: AccountScope): Promise<void> {
    await scope.query(
      `UPDATE account_company ac SET factor = f.factor, rank_key = ac.anchor * f.factor
         FROM (SELECT x.company_id, ${factorOf("$1")} AS factor
                 FROM account_company x JOIN company c ON c.id = x.company_id WHERE x.account_id = $1) f
        WHERE ac.account_id = $1 AND ac.company_id = f.company_id AND (ac.factor <> f.factor OR ac.rank_key <> ac.anchor * f.factor)`,
    );
  }

  /** Anchors from the daily signals, for new weights or after reprocessing. */
  async recomputeAnchors(scope: AccountScope, settings?: ScoringSettings): Promise<void> {
    const s = settingsJson(settings ?? (await this.settings(scope)));
    await scope.query(
      `UPDATE account_company ac SET anchor = coalesce(a.anchor, 0), rank_key = coalesce(a.anchor, 0) * ac.factor
         FROM account_company x
         LEFT JOIN (SELECT s.company_id, sum(${anchorOf("s")}) AS anchor
                      FROM company_daily_signal s CROSS JOIN ${weightsOf("$2::jsonb")} w WHERE s.account_id = $1 GROUP BY s.company_id) a
                ON a.company_id = x.company_id
        WHERE x.account_id = $1 AND ac.account_id = $1 AND ac.company_id = x.company_id`,
      [s],
    );
  }
}

