import express, { Request, Response, NextFunction, Router } from "express";
import type { RestDeps } from "../http/app";
import { NotFoundError, ValidationError } from "../errors";
import { customerPageJson, toCustomerJson } from "./customer-json";
import { AccountScope } from "../db/account-scope";
import type { Services } from "../services/services";

const MAX_PER_PAGE = 10_000;

/**
 * The published customer REST API, byte-compatible with its stock clients: `GET/POST /customers`,
 * `GET/PATCH/DELETE /customers/:id`. Errors are JSON `{"message": …}` with the documented statuses.
 */
export function customerRoutes({ services, requireCaller }: RestDeps): Router {
  const router = Router();
  const { customers } = services;
  const json = express.json({ limit: "1mb", type: () => true });

  const requireJson = (req: Request, res: Response, next: NextFunction) => {
    if (!req.is("application/json")) {
      res.status(415).json({ message: "expected Content-Type: application/json" });
      return;
    }
    next();
  };

  router.get("/customers", async (req, res) => {
    const caller = await requireCaller(req, res);
    if (!caller) return;
    const page = positiveInt(req.query.page, 1, "page");
    const perPage = positiveInt(req.query.per_page, 25, "per_page");
    if (perPage > MAX_PER_PAGE) throw new ValidationError(`per_page: at most ${MAX_PER_PAGE}`);
    const scope = scopeFor(services, caller.accountId);
    const result = await customers.offsetPage(scope, page, perPage);
    res.type("json").send(customerPageJson(result.customers, { page, per_page: perPage, total: result.total }));
  });

  router.get("/customers/:id", async (req, res) => {
    const caller = await requireCaller(req, res);
    if (!caller) return;
    const scope = scopeFor(services, caller.accountId);
    const customer = await customers.getWithEvents(scope, String(req.params.id));
    res.json({ customer: toCustomerJson(customer, customer.events) });
  });

  router.post("/customers", requireJson, json, async (req, res) => {
    const caller = await requireCaller(req, res);
    if (!caller) return;
    const body = customerBody(req.body);
    if (body.id === undefined || body.id === null || body.id === "") throw new ValidationError("customer.id is required");
    const scope = scopeFor(services, caller.accountId);
    const customer = await customers.replace(scope, String(body.id), attributesOf(body));
    res.status(201).json({ customer: toCustomerJson(customer, {}) });
  });

  router.patch("/customers/:id", requireJson, json, async (req, res) => {
    const caller = await requireCaller(req, res);
    if (!caller) return;
    const scope = scopeFor(services, caller.accountId);
    const { id } = await customers.update(scope, String(req.params.id), attributesOf(customerBody(req.body)), true);
    const customer = await customers.getWithEvents(scope, id);
    res.json({ customer: toCustomerJson(customer, customer.events) });
  });

  router.delete("/customers/:id", async (req, res) => {
    const caller = await requireCaller(req, res);
    if (!caller) return;
    await customers.delete(scopeFor(services, caller.accountId), String(req.params.id));
    res.status(204).end();
  });

  // The published contract words the 404 exactly so.
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (error instanceof NotFoundError) res.status(404).json({ message: "customer not found" });
    else next(error);
  });

  return router;
}

function scopeFor(services: Services, accountId: string): AccountScope {
  return AccountScope.of(services.dataSource, accountId);
}

function positiveInt(value: unknown, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ValidationError(`${name}: must be a positive integer`);
  return n;
}

/** `{"customer": {...}}` as published; a bare customer object is accepted too. */
function customerBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new ValidationError("body must be a JSON object");
  const wrapped = (body as { customer?: unknown }).customer;
  const customer = wrapped === undefined ? body : wrapped;
  if (!customer || typeof customer !== "object" || Array.isArray(customer)) throw new ValidationError("customer must be a JSON object");
  return customer as Record<string, unknown>;
}

function attributesOf(customer: Record<string, unknown>): Record<string, unknown> {
  const attributes = customer.attributes ?? {};
  if (typeof attributes !== "object" || Array.isArray(attributes) || attributes === null) {
    throw new ValidationError("customer.attributes must be a JSON object");
  }
  return attributes as Record<string, unknown>;
}
