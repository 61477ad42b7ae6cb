import { z } from "zod";
import type { HttpClient } from "./http-client";

/** A record as a source yields it: a stable external id and plain data. */
export interface SourceRecord {
  id: string;
  data: Record<string, unknown>;
  /** When the source last changed it, if the source says. */
  changedAt?: string;
}

/** One page of a read, with the cursor that resumes right after it. */
export interface SourcePage {
  records: SourceRecord[];
  cursor: Record<string, unknown>;
}

export interface ConnectorContext<C, S> {
  config: C;
  secret: S;
  http: HttpClient;
  signal?: AbortSignal;
}

export interface TestResult {
  ok: boolean;
  message: string;
}

/**
 * The plugin contract. A plugin is a folder under src/connectors/ exporting one object of this shape; it talks
 * to the outside world through `ctx.http` and never touches the database.
 */
export interface ConnectorPlugin<C = unknown, S = unknown> {
  kind: string;
  displayName: string;
  description: string;
  configSchema: z.ZodType<C>;
  secretSchema: z.ZodType<S>;
  test(ctx: ConnectorContext<C, S>): Promise<TestResult>;
  /** Pages of records changed since `cursor` (null: from the beginning). */
  read?(ctx: ConnectorContext<C, S>, cursor: Record<string, unknown> | null): AsyncIterable<SourcePage>;
  /** Every id that still exists at the source, for deletion detection. */
  listIds?(ctx: ConnectorContext<C, S>): AsyncIterable<string[]>;
  /** Sends records to a destination, idempotently by id. */
  write?(ctx: ConnectorContext<C, S>, records: SourceRecord[]): Promise<void>;
}

export type Capability = "read" | "listIds" | "write";

export function capabilitiesOf(plugin: ConnectorPlugin): Capability[] {
  return (["read", "listIds", "write"] as const).filter((c) => typeof plugin[c] === "function");
}
