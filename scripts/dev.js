#!/usr/bin/env node
// `npm run dev`: Conflux (compiled by the npm script) on PORT (4000) and the console's Vite dev server with live
// reload on CONSOLE_DEV_PORT (5173), which proxies /graphql to it. Ctrl-C stops both.
const { spawn } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const port = process.env.PORT ?? "4000";
const children = [
  spawn(process.execPath, [path.join(root, "dist/src/cli.js"), "serve"], { stdio: "inherit", env: { ...process.env, PORT: port } }),
  spawn(process.execPath, [path.join(root, "node_modules/vite/bin/vite.js"), "--config", path.join(root, "web/vite.config.mts")], {
    stdio: "inherit",
    env: { ...process.env, CONFLUX_URL: `http://localhost:${port}` },
  }),
];
const stop = () => children.forEach((child) => child.kill("SIGTERM"));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const child of children) child.on("exit", (code) => { stop(); process.exitCode = code ?? 0; });
