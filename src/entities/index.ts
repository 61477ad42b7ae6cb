import { Account } from "./account";
import { Alert } from "./alert";
import { ApiKey } from "./api-key";
import { Connection } from "./connection";
import { SyncRun } from "./sync-run";

/** Every entity, registered with the DataSource. */
export const entities = [Account, Alert, ApiKey, Connection, SyncRun];
export { Account, Alert, ApiKey, Connection, SyncRun };
