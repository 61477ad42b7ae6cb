import http from "node:http";

/**
 * A JSON-array endpoint for the built-in `http-json` connector, with a control surface: the records it serves,
 * a number of upcoming requests to fail, and a count of calls.
 */
export class FakeJsonSource {
  records: Record<string, unknown>[] = [];
  calls = 0;
  /** Calls per request URL (path and query), so tests sharing the fake can count their own. */
  callsByUrl = new Map<string, number>();
  /** Answer this many of the next requests with the given status. */
  failNext = 0;
  failStatus = 500;
  private server = http.createServer((req, res) => {
    this.calls++;
    this.callsByUrl.set(req.url ?? "", (this.callsByUrl.get(req.url ?? "") ?? 0) + 1);
    if (this.failNext > 0) {
      this.failNext--;
      res.writeHead(this.failStatus, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "source unavailable" }));
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(this.records));
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    const address = this.server.address() as { port: number };
    return `http://127.0.0.1:${address.port}/records`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
