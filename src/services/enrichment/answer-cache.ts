import type { AccountScope } from "../../db/account-scope";
import type { EnrichmentAnswer } from "../../connectors/contract";

/**
 * What providers answered, per (provider, contact) for the provider's TTL: a contact asked again — in another
 * transaction, or by a retried batch after a crash — is answered from here and not paid for twice.
 */
export class AnswerCache {
  async get(scope: AccountScope, providerId: string, keys: string[]): Promise<Map<string, EnrichmentAnswer>> {
    if (!keys.length) return new Map();
    const rows = await scope.query<{ input_key: string; result: EnrichmentAnswer }>(
      `SELECT input_key, result FROM enrichment_cache
        WHERE account_id = $1 AND provider_id = $2 AND input_key = ANY($3::text[]) AND expires_at > now()`,
      [providerId, keys],
    );
    return new Map(rows.map((r) => [r.input_key, r.result]));
  }

  async put(scope: AccountScope, providerId: string, ttlSeconds: number, answers: Map<string, EnrichmentAnswer>): Promise<void> {
    if (!answers.size || ttlSeconds <= 0) return;
    const rows = [...answers].map(([key, result]) => ({ key, result }));
    await scope.withClientTransaction(async (client) => {
      // A cache entry lost to a crash costs one call again; not worth a wait for the disk on every batch.
      await client.exec("SET LOCAL synchronous_commit = off");
      await client.query(
      `INSERT INTO enrichment_cache (account_id, provider_id, input_key, result, expires_at)
       SELECT $1, $2, x.key, x.result, now() + make_interval(secs => $3)
         FROM json_to_recordset($4::json) AS x(key text, result jsonb)
       ON CONFLICT (account_id, provider_id, input_key) DO UPDATE SET result = excluded.result, expires_at = excluded.expires_at`,
      [providerId, ttlSeconds, JSON.stringify(rows)],
      );
    });
  }
}
