import express, { Router } from "express";
import type { RestDeps } from "../http/app";
import { ValidationError } from "../errors";
import { AccountScope } from "../db/account-scope";
import type { EnrichmentRecord } from "../services/enrichment/enrichment-service";

const REST_NAMES = { contacts: "contact_list", fields: "fields_to_be_enriched", numberOfRecords: "number_of_records", writeBack: "write_back" };
const PER_PAGE = 100;

/**
 * The published enrichment API.
 *
 * `POST /v2/enriched_data` `{erid, contact_list, fields_to_be_enriched, number_of_records[, write_back]}` → 202
 * `{erid, status, received, accepted, duplicates}`; 400 for bad input, 409 when the erid exists with other fields
 * or number_of_records or the request would exceed it (nothing of such a request is stored).
 *
 * `GET /v2/enriched_data?erid=&start_date=&end_date=&page=&per_page=` → `{erid, data, number_of_pages, next_page,
 * status}`: `data` holds each record's input with the requested fields beside it (null when not found) and its
 * `enrichment_status`. With `erid`, that transaction; without, every transaction requested between the dates
 * (a date alone covers its whole day, UTC) and `erid` is null. `status` is `inexistent` when no transaction
 * matches, `completed` when every matching one is, else `incomplete`. Pages count from 1; `next_page` is null on
 * the last.
 */
export function enrichmentRoutes({ services, config, requireCaller }: RestDeps): Router {
  const router = Router();

  router.post("/v2/enriched_data", express.json({ limit: config.enrichmentBodyLimit }), async (req, res) => {
    const caller = await requireCaller(req, res);
    if (!caller) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const input = { erid: body.erid, contacts: body.contact_list, fields: body.fields_to_be_enriched, numberOfRecords: body.number_of_records, writeBack: body.write_back };
    const { transaction, accepted, duplicates } = await services.enrichment.submit(AccountScope.of(services.dataSource, caller.accountId), input, REST_NAMES);
    res.status(202).json({ erid: transaction.erid, status: transaction.status, received: transaction.received, accepted, duplicates });
  });

  router.get("/v2/enriched_data", async (req, res) => {
    const caller = await requireCaller(req, res);
    if (!caller) return;
    const erid = typeof req.query.erid === "string" && req.query.erid ? req.query.erid : undefined;
    const page = positive(req.query.page, "page") ?? 1;
    const perPage = positive(req.query.per_page, "per_page") ?? PER_PAGE;
    if (perPage > 1000) throw new ValidationError("per_page: at most 1000");
    const from = dateOf(req.query.start_date, "start_date", false);
    const to = dateOf(req.query.end_date, "end_date", true);
    if (!erid && !from && !to) throw new ValidationError("erid, or start_date and/or end_date, is required");
    const scope = AccountScope.of(services.dataSource, caller.accountId);
    const { status, total, records } = await services.enrichment.recordPage(scope, { erid, from, to, page, perPage });
    const pages = Math.ceil(total / perPage);
    res.json({ erid: erid ?? null, data: records.map(contractRecord), number_of_pages: pages, next_page: page < pages ? page + 1 : null, status });
  });

  return router;
}

function contractRecord(r: EnrichmentRecord): Record<string, unknown> {
  const requested = Object.fromEntries(r.fields.map((f) => [f, r.output[f] ?? null]));
  return { ...r.input, ...requested, erid: r.erid, enrichment_status: r.status };
}

function positive(value: unknown, name: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ValidationError(`${name}: a positive integer`);
  return n;
}

/** ISO dates or instants; a date alone means its whole day, so an end date is exclusive of the next one. */
function dateOf(value: unknown, name: string, end: boolean): Date | undefined {
  if (value === undefined || value === "") return undefined;
  const text = String(value);
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) throw new ValidationError(`${name}: an ISO date (YYYY-MM-DD) or date-time`);
  return end && /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(at.getTime() + 86_400_000) : at;
}
