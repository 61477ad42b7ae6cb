#!/usr/bin/env node
"use strict";
// Runs one compiled benchmark, dist/bench/<name>.js, passing the remaining arguments through.
// --expose-gc lets benches force a collection before measuring memory or between runs. A bench of what the server
// does runs with the server's own Node options (package.json's start and worker scripts), so it measures what
// production runs; the customers bench measures imports as the CLI runs them (and the CLI's memory).
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const dir = path.join(__dirname, "..", "dist", "bench");
const available = fs.existsSync(dir)
  ? fs
      .readdirSync(dir)
      .filter((file) => file.endsWith(".js"))
      .map((file) => file.slice(0, -".js".length))
      .sort()
  : [];

const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  if (name) console.error(`unknown bench "${name}"`);
  console.error("usage: npm run bench -- <name> [args…]");
  console.error(`available: ${available.join(", ") || "none (npm run build first)"}`);
  process.exit(1);
}

const SERVER_OPTIONS = ["--max-semi-space-size=64"];
const nodeOptions = { companies: SERVER_OPTIONS }[name] ?? [];
// Benches measure production mode unless told otherwise: graphql-js and Express skip their development checks there
// (graphql-js's cost 1.4 times as much per GraphQL page of 25 customers without it).
const env = { ...process.env, NODE_ENV: process.env.NODE_ENV || "production" };
const child = spawnSync(process.execPath, ["--expose-gc", ...nodeOptions, path.join(dir, `${name}.js`), ...args], { stdio: "inherit", env });
if (child.error) throw child.error;
process.exit(child.status ?? 1);
