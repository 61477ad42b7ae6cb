import { Account } from "./account";
import { ApiKey } from "./api-key";
import { Connection } from "./connection";
import { SyncRun } from "./sync-run";

/** Every entity, registered with the DataSource. */
export const entities = [Account, ApiKey, Connection, SyncRun];
export { Account, ApiKey, Connection, SyncRun };
