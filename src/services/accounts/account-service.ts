import crypto from "node:crypto";
import { DataSource } from "typeorm";
import { Account } from "../../entities/account";
import { ApiKey, Role } from "../../entities/api-key";
import { AccountScope } from "../../db/account-scope";
import { ConflictError, NotFoundError, ValidationError } from "../../errors";

export interface Caller {
  accountId: string;
  accountName: string;
  role: Role;
  keyId: string;
}

export interface IssuedKey {
  apiKey: ApiKey;
  /** The full key; returned once and never stored. */
  key: string;
}

export const DEFAULT_ACCOUNT = "default";

/** How long a successful key lookup is reused: revocation is immediate in this process, within this on others. */
const AUTH_CACHE_MS = 10_000;
const AUTH_CACHE_MAX = 10_000;

/** Accounts and their API keys. Keys are `cfx_<prefix>_<secret>`; only the SHA-256 of the whole key is stored. */
export class AccountService {
  /** key hash → caller, so a request does not pay a database round trip to authenticate. */
  private readonly authCache = new Map<string, { caller: Caller; until: number }>();
  private defaultCallerCache: { caller: Caller | null; until: number } | null = null;

  constructor(private readonly dataSource: DataSource) {}

  async createAccount(name: string): Promise<Account> {
    const trimmed = name.trim();
    if (!trimmed) throw new ValidationError("account name must not be empty");
    const repo = this.dataSource.getRepository(Account);
    if (await repo.findOneBy({ name: trimmed })) throw new ConflictError(`account ${trimmed} already exists`);
    return repo.save(repo.create({ name: trimmed }));
  }

  async findAccountByName(name: string): Promise<Account> {
    const account = await this.dataSource.getRepository(Account).findOneBy({ name });
    if (!account) throw new NotFoundError(`account ${name} not found`);
    return account;
  }

  getAccount(id: string): Promise<Account | null> {
    return this.dataSource.getRepository(Account).findOneBy({ id });
  }

  /**
   * Creates the `default` account with a first admin key, only if it does not exist yet.
   * Returns the key when it was created now (to be shown once), null otherwise.
   */
  async ensureDefaultAccount(): Promise<{ account: Account; issued: IssuedKey | null }> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('conflux.default_account'))`);
      const existing = await manager.findOneBy(Account, { name: DEFAULT_ACCOUNT });
      if (existing) return { account: existing, issued: null };
      const account = await manager.save(manager.create(Account, { name: DEFAULT_ACCOUNT }));
      const issued = await this.issueKey(new AccountScope(account.id, manager), "admin", "ADMIN", manager);
      return { account, issued };
    });
  }

  async issueKey(scope: AccountScope, name: string, role: Role, manager = this.dataSource.manager): Promise<IssuedKey> {
    if (!name.trim()) throw new ValidationError("key name must not be empty");
    const prefix = `cfx_${crypto.randomBytes(4).toString("hex")}`;
    const key = `${prefix}_${crypto.randomBytes(24).toString("base64url")}`;
    const apiKey = await manager.save(
      manager.create(ApiKey, { accountId: scope.accountId, name: name.trim(), prefix, keyHash: hashKey(key), role }),
    );
    return { apiKey, key };
  }

  listKeys(scope: AccountScope): Promise<ApiKey[]> {
    return scope.find(ApiKey, { order: { createdAt: "ASC" } });
  }

  async revokeKey(scope: AccountScope, id: string): Promise<ApiKey> {
    const key = await scope.get(ApiKey, id, "api key");
    if (key.revokedAt) return key;
    const revoked = await scope.update(ApiKey, id, { revokedAt: new Date() }, "api key");
    for (const [hash, entry] of this.authCache) if (entry.caller.keyId === id) this.authCache.delete(hash);
    return revoked;
  }

  /** The caller behind a raw key, or null for a missing, unknown or revoked key. */
  async authenticate(rawKey: string | undefined | null): Promise<Caller | null> {
    if (!rawKey) return null;
    const hash = hashKey(rawKey);
    const cached = this.authCache.get(hash);
    if (cached && cached.until > Date.now()) return cached.caller;
    const rows: { id: string; account_id: string; role: Role; name: string }[] = await this.dataSource.query(
      `SELECT k.id, k.account_id, k.role, a.name FROM api_key k JOIN account a ON a.id = k.account_id
        WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
      [hash],
    );
    const row = rows[0];
    if (!row) return null;
    const caller: Caller = { keyId: row.id, accountId: row.account_id, accountName: row.name, role: row.role };
    if (this.authCache.size >= AUTH_CACHE_MAX) this.authCache.clear(); // bounded; refills on the next requests
    this.authCache.set(hash, { caller, until: Date.now() + AUTH_CACHE_MS });
    return caller;
  }

  /** The caller used when loopback requests without a key are mapped to the default account (opt-in). */
  async defaultCaller(): Promise<Caller | null> {
    // Cached like keys: every key-less request of a stock client would otherwise look the account up again.
    if (this.defaultCallerCache && this.defaultCallerCache.until > Date.now()) return this.defaultCallerCache.caller;
    const account = await this.dataSource.getRepository(Account).findOneBy({ name: DEFAULT_ACCOUNT });
    const caller: Caller | null = account ? { keyId: "loopback", accountId: account.id, accountName: account.name, role: "MEMBER" } : null;
    this.defaultCallerCache = { caller, until: Date.now() + AUTH_CACHE_MS };
    return caller;
  }
}

function hashKey(key: string): string {
  return crypto.createHash("sha256").update(key).digest("hex");
}
