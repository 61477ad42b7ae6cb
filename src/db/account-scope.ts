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
    const row = await this.get(entity, id, what);
    const { accountId: _ignored, id: _id, ...rest } = patch as Partial<AccountOwned>;
    Object.assign(row, rest);
    return this.manager.save(entity, row);
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
    if (!/\$1(?!\d)/.test(sql)) throw new Error("AccountScope.query: SQL must filter on the account ($1)");
    return this.manager.query(sql, [this.accountId, ...params]);
  }

  private scoped<T extends AccountOwned>(where: FindManyOptions<T>["where"]): FindOptionsWhere<T> | FindOptionsWhere<T>[] {
    const account = { accountId: this.accountId } as FindOptionsWhere<T>;
    if (!where) return account;
    if (Array.isArray(where)) return where.map((w) => ({ ...w, ...account }));
    return { ...(where as FindOptionsWhere<T>), ...account };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
