import { Router } from "express";
import type { RestDeps } from "../http/app";
import { AccountScope } from "../db/account-scope";

/**
 * `POST /imports/activity`: an NDJSON body streamed straight into the importer (never buffered whole), answered
 * with the import result. The body can be gzip-compressed (`Content-Encoding: gzip`).
 */
export function importRoutes({ services, requireCaller }: RestDeps): Router {
  const router = Router();
  router.post("/imports/activity", async (req, res) => {
    const caller = await requireCaller(req, res);
    if (!caller) return;
    const scope = AccountScope.of(services.dataSource, caller.accountId);
    const encoding = req.headers["content-encoding"];
    const body = encoding === "gzip" ? req.pipe((await import("node:zlib")).createGunzip()) : req;
    const result = await services.activity.importStream(scope, "http", body);
    res.status(result.status === "SUCCEEDED" ? 200 : 500).json(result);
  });
  return router;
}
