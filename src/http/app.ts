import crypto from "node:crypto";
import http from "node:http";
import express, { Request, Response, NextFunction } from "express";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from "@apollo/server/plugin/landingPage/default";
import { WebSocketServer } from "ws";
import { useServer } from "graphql-ws/use/ws";
import depthLimit from "graphql-depth-limit";
import type { GraphQLSchema } from "graphql";
import type { Config } from "../config";
import type { Logger } from "../logger";
import type { Services } from "../services/services";
import { AccountScope } from "../db/account-scope";
import { RequestContext } from "../context";
import { createLoaders } from "../loaders";
import { authenticateConnectionParams, authenticateRequest } from "./authenticate";
import { formatGraphQLError } from "./graphql-errors";
import { consoleRouter } from "./console-routes";
import { complexityLimitPlugin } from "./graphql-limits";
import { compiledQueryGateway } from "./compiled-queries";
import { httpRequestsTotal, registry as metricsRegistry } from "../metrics";
import { DomainError, httpStatusOf } from "../errors";
import type { Caller } from "../services/accounts/account-service";

export interface HttpDeps {
  config: Config;
  logger: Logger;
  services: Services;
  schema: GraphQLSchema;
  isReady: () => Promise<boolean>;
  /** REST routers mounted beside GraphQL (customer API, …). */
  restRouters?: ((deps: RestDeps) => express.Router)[];
}

export interface RestDeps {
  services: Services;
  config: Config;
  /** Resolves the caller or answers 401 itself; returns null when it did. */
  requireCaller(req: Request, res: Response): Promise<Caller | null>;
}

export interface HttpServer {
  server: http.Server;
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

/** One HTTP server: GraphQL (HTTP and WebSocket on /graphql), health, readiness, metrics and REST routes. */
export async function createHttpServer(deps: HttpDeps): Promise<HttpServer> {
  const { config, logger, services, schema } = deps;
  const app = express();
  app.disable("x-powered-by");
  const server = http.createServer(app);
  // Longer than clients' and proxies' idle timeouts, so the server is not the side that closes a kept-alive
  // connection just as a client reuses it (ECONNRESET); streamed imports may take long to upload.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 60 * 60_000;

  const contextFor = (caller: Caller | null, requestId: string): RequestContext => {
    const scope = caller ? AccountScope.of(services.dataSource, caller.accountId) : null;
    return { requestId, caller, scope, loaders: scope ? createLoaders(scope, services) : null, services, logger: logger.child({ requestId }) };
  };

  const wsServer = new WebSocketServer({ server, path: "/graphql" });
  const wsCleanup = useServer(
    {
      schema,
      context: async (ctx) =>
        contextFor(await authenticateConnectionParams(ctx.connectionParams, services.accounts), crypto.randomUUID()),
      onConnect: async (ctx) => !!(await authenticateConnectionParams(ctx.connectionParams, services.accounts)),
    },
    wsServer,
  );

  const apollo = new ApolloServer<RequestContext>({
    gateway: compiledQueryGateway(schema),
    formatError: formatGraphQLError,
    validationRules: [depthLimit(config.maxQueryDepth)],
    introspection: true,
    plugins: [
      // No HTTP caching hints are served, and the default cache-control plugin hooks every field resolution.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
      complexityLimitPlugin(schema, config.maxQueryComplexity),
      config.isProduction ? ApolloServerPluginLandingPageProductionDefault() : ApolloServerPluginLandingPageLocalDefault({ embed: false }),
    ],
  });
  await apollo.start();

  app.use((req: Request, res: Response, next: NextFunction) => {
    const requestId = (req.headers["x-request-id"] as string) || crypto.randomUUID();
    res.locals.requestId = requestId;
    res.setHeader("x-request-id", requestId);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const route = req.route?.path ?? req.path.split("/")[1] ?? "";
      httpRequestsTotal.inc({ route: `/${route}`.replace("//", "/"), status: String(res.statusCode) });
      if (req.path !== "/healthz" && req.path !== "/metrics" && logger.isLevelEnabled("debug")) {
        logger.debug({ requestId, method: req.method, path: req.path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }, "request");
      }
    });
    next();
  });

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const ready = await deps.isReady().catch(() => false);
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "unavailable" });
  });
  app.get("/metrics", async (_req, res) => {
    res.setHeader("content-type", metricsRegistry.contentType);
    res.send(await metricsRegistry.metrics());
  });

  app.use(consoleRouter(config.consoleDir));

  app.use(
    "/graphql",
    express.json({ limit: config.bodyLimit }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const caller = await authenticateRequest(req, services.accounts, config.loopbackDefaultAccount);
        return contextFor(caller, res.locals.requestId as string);
      },
    }),
  );

  const restDeps: RestDeps = {
    services,
    config,
    async requireCaller(req, res) {
      const caller = await authenticateRequest(req, services.accounts, config.loopbackDefaultAccount);
      if (!caller) res.status(401).json({ message: "a valid API key is required (Authorization: Bearer <key>)" });
      return caller;
    },
  };
  for (const router of deps.restRouters ?? []) app.use(router(restDeps));

  // JSON errors for REST routes: domain errors keep their status, body-parser errors keep theirs.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = error instanceof DomainError ? httpStatusOf(error) : ((error as { status?: number }).status ?? 500);
    if (status >= 500) logger.error({ err: error, requestId: res.locals.requestId }, "request failed");
    res.status(status).json({ message: status >= 500 ? "internal error" : (error as Error).message });
  });

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve(typeof address === "object" && address ? address.port : port);
        });
      }),
    async close() {
      await apollo.stop(); // drains HTTP and closes WebSocket subscriptions
      wsServer.close();
      server.closeAllConnections?.();
    },
  };
}
