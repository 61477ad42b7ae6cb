import http from "node:http";

export interface FakeRecordApiOptions {
  /** Expected value of the `Authorisation` header. */
  key?: string;
  /** Largest batch a POST may carry; more is answered 413. Defaults to 1000. */
  maxBatch?: number;
}

/**
 * A destination API that stores records by id: `POST /records` upserts a JSON array of records (last write wins, so
 * replays are harmless) and `DELETE /records` removes ids. It authenticates with an `Authorisation` header (that
 * spelling, as some real destinations use), so a client that sends the usual `Authorization` is caught.
 */
export class FakeRecordApi {
  readonly key: string;
  maxBatch: number;
  /** Delay before every response. */
  latencyMs = 0;
  /** What the destination currently holds, by record id. */
  records = new Map<string, Record<string, unknown>>();

  /** Every request received. */
  calls = 0;
  /** POST and DELETE requests received, whatever their outcome. */
  postCalls = 0;
  deleteCalls = 0;
  /** Records in accepted POSTs, replays counted again. */
  recordsReceived = 0;

  private failures = { remaining: 0, status: 500 };
  private readonly server = http.createServer((req, res) => {
    this.serve(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else send(res, 500, { message: String(error) });
    });
  });

  constructor(options: FakeRecordApiOptions = {}) {
    this.key = options.key ?? "record-api-key";
    this.maxBatch = options.maxBatch ?? 1000;
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    const address = this.server.address() as { port: number };
    return `http://127.0.0.1:${address.port}/records`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** Answers the next n authenticated requests with `status`, storing nothing. */
  failNext(n: number, status = 500): void {
    this.failures = { remaining: n, status };
  }

  resetCounters(): void {
    this.calls = 0;
    this.postCalls = 0;
    this.deleteCalls = 0;
    this.recordsReceived = 0;
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.calls++;
    if (req.method === "POST") this.postCalls++;
    if (req.method === "DELETE") this.deleteCalls++;
    const raw = await readBody(req);
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));

    const path = new URL(req.url ?? "/", "http://fake.invalid").pathname;
    if (path !== "/records") return send(res, 404, { message: `no such resource: ${path}` });
    if (req.method !== "POST" && req.method !== "DELETE") {
      res.setHeader("allow", "POST, DELETE");
      return send(res, 405, { message: `method ${req.method} not allowed` });
    }
    if (req.headers["authorisation"] !== this.key) {
      return send(res, 401, { message: "missing or invalid Authorisation header" });
    }
    if (this.failures.remaining > 0) {
      this.failures.remaining--;
      return send(res, this.failures.status, { message: "injected failure" });
    }

    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return send(res, 400, { message: "body is not valid JSON" });
    }
    return req.method === "POST" ? this.upsert(res, body) : this.remove(res, body);
  }

  private upsert(res: http.ServerResponse, body: unknown): void {
    if (!Array.isArray(body)) return send(res, 400, { message: "body must be a JSON array of records" });
    if (body.length > this.maxBatch) {
      return send(res, 413, { message: `at most ${this.maxBatch} records per request, got ${body.length}` });
    }
    // Validate the whole batch first so a rejected request stores nothing.
    const bad = body.findIndex((record) => !isObject(record) || typeof record.id !== "string" || record.id === "");
    if (bad >= 0) return send(res, 400, { message: `record ${bad} has no string id` });
    for (const record of body as Record<string, unknown>[]) this.records.set(record.id as string, record);
    this.recordsReceived += body.length;
    send(res, 200, { accepted: body.length });
  }

  private remove(res: http.ServerResponse, body: unknown): void {
    const ids = (body as { ids?: unknown } | null)?.ids;
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string")) {
      return send(res, 400, { message: 'body must be {"ids": [string, ...]}' });
    }
    let deleted = 0;
    for (const id of ids as string[]) if (this.records.delete(id)) deleted++;
    send(res, 200, { deleted });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
