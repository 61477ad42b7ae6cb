import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/**
 * The console is built into web/dist and served by Conflux at `/`. In development (`npm run dev`) Vite serves
 * it with live reload and proxies GraphQL (HTTP and WebSocket) to the Conflux server at CONFLUX_URL.
 */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  oxc: { jsx: { runtime: "automatic" } },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 600 },
  server: {
    port: Number(process.env.CONSOLE_DEV_PORT ?? 5173),
    proxy: { "/graphql": { target: process.env.CONFLUX_URL ?? "http://localhost:4000", ws: true, changeOrigin: true } },
  },
});
