/**
 * The SQL of scores, in one place. A company's score for an account is
 *
 *   Σ over its daily signals of  weight(signal) × count × 2^((day − today) / half-life)   × Π (1 + boost_by of matching rules)
 *
 * Stored as `anchor` (the sum with days counted from SCORE_EPOCH instead of today) and `rank_key` = anchor × factor:
 * moving "today" multiplies every score of an account by the same number, so the order, and the stored values,
 * never go stale; the score shown is rank_key × 2^((SCORE_EPOCH − today) / half-life). Boosts multiply, so a
 * demotion of −1 hides a company and two boosts compound.
 */
export const SCORE_EPOCH = "2026-01-01";

/** Signal columns of company_daily_signal and their weight names. */
export const SIGNALS = ["visits", "clicks", "contacts", "form_submissions", "chats"] as const;
export type Signal = (typeof SIGNALS)[number];

/**
 * A one-row relation of the weights, `custom` and `half_life_days` read out of `settings` (a jsonb expression), to
 * cross join as `w` for anchorOf: read once per statement rather than once per signal row.
 */
export function weightsOf(settings: string): string {
  const names = [...SIGNALS, "custom", "half_life_days"];
  return `(SELECT ${names.map((n) => `(x.s->>'${n}')::float8 AS ${n}`).join(", ")} FROM (SELECT ${settings} AS s) x)`;
}

/** `row`'s anchored value, with the weights relation `w` (weightsOf) in scope. */
export function anchorOf(row: string): string {
  const weighted = SIGNALS.map((s) => `${row}.${s} * w.${s}`).join(" + ");
  const custom = `CASE WHEN ${row}.extra = '{}' THEN 0 ELSE coalesce((SELECT sum(e.value::float8) FROM jsonb_each_text(${row}.extra) e), 0) * w.custom END`;
  return `((${weighted} + ${custom}) * power(2::float8, (${row}.day - date '${SCORE_EPOCH}') / w.half_life_days))`;
}

/** Whether score rule `r` matches company `c`. */
export const RULE_MATCHES = `CASE r.field
    WHEN 'industry' THEN lower(c.industry) = lower(r.value)
    WHEN 'country' THEN lower(c.country) = lower(r.value)
    WHEN 'region' THEN lower(c.region) = lower(r.value)
    WHEN 'sub_region' THEN lower(c.sub_region) = lower(r.value)
    WHEN 'domain' THEN lower(r.value) = ANY (c.domains)
    WHEN 'company' THEN c.id::text = r.value
    WHEN 'employees_min' THEN c.employees >= r.value::numeric
    WHEN 'employees_max' THEN c.employees <= r.value::numeric
    ELSE false END`;

export const RULE_FIELDS = ["industry", "country", "region", "sub_region", "domain", "company", "employees_min", "employees_max"] as const;

/** The product of the boosts of `account`'s rules matching company `c` (1 when none match). */
export function factorOf(account: string): string {
  return `(SELECT CASE WHEN bool_or(r.boost_by = -1) THEN 0 ELSE coalesce(exp(sum(ln(nullif(1 + r.boost_by, 0)))), 1) END
             FROM score_rule r WHERE r.account_id = ${account} AND ${RULE_MATCHES})`;
}

/** Multiplies a rank_key into today's score (`day` a date expression, `settings` as in anchorOf). */
export function scoreNow(rankKey: string, day: string, settings: string): string {
  return `(${rankKey} * power(2::float8, (date '${SCORE_EPOCH}' - ${day}) / (${settings}->>'half_life_days')::float8))`;
}

/** The number that turns a rank_key into today's score. */
export function todayScale(halfLifeDays: number, now: Date): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return 2 ** ((Date.parse(SCORE_EPOCH) - today) / 86_400_000 / halfLifeDays);
}
