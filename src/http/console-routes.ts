import fs from "node:fs";
import path from "node:path";
import express, { Router } from "express";

/**
 * The web console at `/`: its built assets (web/dist). File names under assets/ carry a content hash, so they
 * are cached for a year; index.html is revalidated on every load so a new build is picked up at once. The
 * console routes in the URL's hash, so no path of it ever shadows an API route.
 */
export function consoleRouter(consoleDir: string): Router {
  const router = Router();
  const index = path.join(consoleDir, "index.html");
  router.use("/assets", express.static(path.join(consoleDir, "assets"), { immutable: true, maxAge: "365d", fallthrough: false }));
  router.get("/", (_req, res) => {
    if (!fs.existsSync(index)) {
      res.status(404).type("text/plain").send("The web console is not built: run `npm run build` (GraphQL answers at /graphql).");
      return;
    }
    res.setHeader("cache-control", "no-cache");
    res.sendFile(index);
  });
  return router;
}
