import type { DataSource } from "typeorm";
import type { ScopedClient } from "./account-scope";

/**
 * Runs one statement on tables no account owns (the shared company directory): on the pool, or on a transaction's
 * connection when the caller holds one (the embedded database has a single connection).
 */
export type Sql = <R>(text: string, params?: unknown[]) => Promise<R[]>;

export const poolSql =
  (dataSource: DataSource): Sql =>
  (text, params) =>
    dataSource.query(text, params);

/** The transaction's own connection (ScopedClient.query takes only statements filtered on the account). */
export const clientSql =
  (client: ScopedClient): Sql =>
  async (text, params) =>
    (await client.raw.query(text, params)).rows;
