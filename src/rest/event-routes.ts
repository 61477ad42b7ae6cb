import { Router } from "express";
import type { RestDeps } from "../http/app";
import { AccountScope } from "../db/account-scope";
import { readLines } from "../services/customers/line-reader";

/**
 * `POST /events`: website and CRM activity as NDJSON (one event per line: `{id?, type, occurredAt, ip?, email?,
 * payload?}`), read as it streams, so an upload of any size holds one batch in memory. Answers `{accepted,
 * duplicates, identified, dropped, unknown, invalid: [{index: line number, message}]}` (the first 100 bad lines).
 */
export function eventRoutes({ services, requireCaller }: RestDeps): Router {
  const router = Router();
  router.post("/events", async (req, res) => {
    const caller = await requireCaller(req, res);
    if (!caller) return;
    const result = await services.eventIngestion.ingestLines(AccountScope.of(services.dataSource, caller.accountId), readLines(req));
    res.json(result);
  });
  return router;
}
