import {
  DataSource,
  DeepPartial,
  EntityManager,
  EntityTarget,
  FindManyOptions,
  FindOneOptions,
  FindOptionsWhere,
  ObjectLiteral,
} from "typeorm";
import type { QueryDeepPartialEntity } from "typeorm/query-builder/QueryPartialEntity";
import type { Pool, PoolClient, QueryResultRow } from "pg";
import type { PostgresDriver } from "typeorm/driver/postgres/PostgresDriver";
import { NotFoundError } from "../errors";

/** Anything stored per account. */
export interface AccountOwned extends ObjectLiteral {
  id: string;
  accountId: string;
}

/**
 * The only way services touch tenant-owned rows. Every read, write and raw query it offers is bound to one
 * account, so forgetting the filter is not possible: a row of another account is simply not found.
 */
export class AccountScope {
  constructor(
    readonly accountId: string,
    private readonly manager: EntityManager,
  ) {}

  static of(dataSource: DataSource, accountId: string): AccountScope {
    return new AccountScope(accountId, dataSource.manager);
  }

  /** The same scope bound to a transaction's manager. */
  within(manager: EntityManager): AccountScope {
    return new AccountScope(this.accountId, manager);
  }

  transaction<T>(work: (scope: AccountScope) => Promise<T>): Promise<T> {
    return this.manager.transaction((m) => work(this.within(m)));
  }

  find<T extends AccountOwned>(entity: EntityTarget<T>, options: FindManyOptions<T> = {}): Promise<T[]> {
    return this.manager.find(entity, { ...options, where: this.scoped(options.where) });
  }

  findAndCount<T extends AccountOwned>(entity: EntityTarget<T>, options: FindManyOptions<T> = {}): Promise<[T[], number]> {
    return this.manager.findAndCount(entity, { ...options, where: this.scoped(options.where) });
  }

  count<T extends AccountOwned>(entity: EntityTarget<T>, where?: FindOptionsWhere<T>): Promise<number> {
    return this.manager.count(entity, { where: this.scoped(where) });
  }

  findOne<T extends AccountOwned>(entity: EntityTarget<T>, options: FindOneOptions<T>): Promise<T | null> {
    return this.manager.findOne(entity, { ...options, where: this.scoped(options.where) });
  }

  /** Finds by id or throws NOT_FOUND; ids of other accounts are indistinguishable from missing ones. */
  async get<T extends AccountOwned>(entity: EntityTarget<T>, id: string, what = "record"): Promise<T> {
    if (!isUuid(id)) throw new NotFoundError(`${what} ${id} not found`);
    const row = await this.findOne(entity, { where: { id } as FindOptionsWhere<T> });
    if (!row) throw new NotFoundError(`${what} ${id} not found`);
    return row;
  }

  create<T extends AccountOwned>(entity: EntityTarget<T>, values: Omit<DeepPartial<T>, "accountId">): Promise<T> {
    const row = this.manager.create(entity, { ...values, accountId: this.accountId } as DeepPartial<T>);
    return this.manager.save(entity, row);
  }

  /** Applies a patch to a row of this account; the patch can never move a row to another account. */
  async update<T extends AccountOwned>(entity: EntityTarget<T>, id: string, patch: Partial<T>, what = "record"): Promise<T> {
    const { accountId: _ignored, id: _id, ...rest } = patch as Partial<AccountOwned>;
    // One UPDATE, then the row as stored: `save` would load, diff and write in a transaction of its own (five
    // round trips), and sync runs update their run and connection several times each.
    if (isUuid(id) && Object.keys(rest).length) {
      await this.manager.update(entity, { id, accountId: this.accountId } as FindOptionsWhere<T>, rest as QueryDeepPartialEntity<T>);
    }
    return this.get(entity, id, what);
  }

  async delete<T extends AccountOwned>(entity: EntityTarget<T>, id: string, what = "record"): Promise<void> {
    const row = await this.get(entity, id, what);
    await this.manager.delete(entity, { id: row.id, accountId: this.accountId } as FindOptionsWhere<T>);
  }

  /**
   * Raw SQL for hot paths. The account id is always `$1`; callers number their own parameters from `$2`.
   * A statement that does not mention `$1` is refused, so a raw query cannot skip the account filter.
   */
  query<R = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
    requireAccountParameter(sql);
    return this.manager.query(sql, [this.accountId, ...params]);
  }

  /**
   * `query` as a named prepared statement: parsed and planned once per pooled connection instead of on every call,
   * and sent on the pool's connection directly (in a transaction, on its connection). For the hottest reads only:
   * each name keeps a plan on every connection of the pool.
   */
  async prepared<R extends QueryResultRow = Record<string, unknown>>(name: string, sql: string, params: unknown[] = []): Promise<R[]> {
    requireAccountParameter(sql);
    const statement = { name, text: sql, values: [this.accountId, ...params] };
    const runner = this.manager.queryRunner;
    if (runner) return (await ((await runner.connect()) as PoolClient).query<R>(statement)).rows;
    return (await ((this.manager.connection.driver as PostgresDriver).master as Pool).query<R>(statement)).rows;
  }

  /**
   * A dedicated connection for hot paths (COPY, multi-statement batches), with the same `$1` rule as `query`.
   * The connection goes back to the pool when `work` settles.
   */
  async withClient<T>(work: (client: ScopedClient) => Promise<T>): Promise<T> {
    const runner = this.manager.connection.createQueryRunner();
    const raw = (await runner.connect()) as PoolClient;
    try {
      return await work(new ScopedClient(this.accountId, raw));
    } finally {
      await runner.release();
    }
  }

  /** `withClient` inside BEGIN … COMMIT, rolled back when `work` throws. */
  withClientTransaction<T>(work: (client: ScopedClient) => Promise<T>): Promise<T> {
    return this.withClient(async (client) => {
      await client.exec("BEGIN");
      try {
        const result = await work(client);
        await client.exec("COMMIT");
        return result;
      } catch (error) {
        await client.exec("ROLLBACK").catch(() => undefined);
        throw error;
      }
    });
  }

  private scoped<T extends AccountOwned>(where: FindManyOptions<T>["where"]): FindOptionsWhere<T> | FindOptionsWhere<T>[] {
    const account = { accountId: this.accountId } as FindOptionsWhere<T>;
    if (!where) return account;
    if (Array.isArray(where)) return where.map((w) => ({ ...w, ...account }));
    return { ...(where as FindOptionsWhere<T>), ...account };
  }
}

/** A pooled connection bound to one account: every statement must filter on `$1`, the account id. */
export class ScopedClient {
  constructor(
    readonly accountId: string,
    readonly raw: PoolClient,
  ) {}

  async query<R extends QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
    requireAccountParameter(sql);
    return (await this.raw.query<R>(sql, [this.accountId, ...params])).rows;
  }

  /** Statements that touch only session-local objects (temporary tables, BEGIN/COMMIT). */
  async exec(sql: string): Promise<void> {
    await this.raw.query(sql);
  }
}

function requireAccountParameter(sql: string): void {
  if (!/\$1(?!\d)/.test(sql)) throw new Error("AccountScope: SQL must filter on the account ($1)");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
