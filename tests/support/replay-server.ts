// A local HTTP server that replays provider fixtures, so live-provider code is tested against
// the providers' real response formats without any network access. Routes are matched by path
// prefix and query subset; each can add a delay (timeouts), a status (429/5xx) or be limited to
// a number of uses. Every request is logged for assertions.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

export const FIXTURES_DIR = join(process.cwd(), "tests/fixtures/providers");

export interface ReplayRoute {
  /** Path to match exactly, e.g. "/av/query" or "/finnhub/quote"; a RegExp for path patterns. */
  path: string | RegExp;
  /** Query parameters that must be present with these values. */
  query?: Record<string, string>;
  /** Fixture file under tests/fixtures/providers (JSON or raw text). */
  fixture?: string;
  /** Inline body (objects are sent as JSON). */
  body?: unknown;
  status?: number;
  /** Extra response headers; an array sends the header once per value (Set-Cookie). */
  headers?: Record<string, string | string[]>;
  delayMs?: number;
  /** Stop matching after this many uses (then later routes, or a 404, answer). */
  times?: number;
}

export interface LoggedRequest {
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage["headers"];
}

export function readFixture(name: string): string {
  return readFileSync(join(FIXTURES_DIR, name), "utf8");
}

export function fixtureJson<T = unknown>(name: string): T {
  return JSON.parse(readFixture(name)) as T;
}

export class ReplayServer {
  private server: Server;
  private routes: (ReplayRoute & { used: number })[] = [];
  readonly requests: LoggedRequest[] = [];
  url = "";

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Adds routes; routes added later take precedence, so a test can override the defaults. */
  on(...routes: ReplayRoute[]): this {
    this.routes.unshift(...routes.map((r) => ({ ...r, used: 0 })).reverse());
    return this;
  }

  reset(): void {
    this.routes = [];
    this.requests.length = 0;
  }

  /** Requests whose path starts with `prefix` (and whose query contains `query`). */
  calls(prefix: string, query: Record<string, string> = {}): LoggedRequest[] {
    return this.requests.filter((r) => r.path.startsWith(prefix) && Object.entries(query).every(([k, v]) => r.query[k] === v));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? "/", "http://localhost");
    const query = Object.fromEntries(u.searchParams.entries());
    this.requests.push({ path: u.pathname, query, headers: req.headers });
    const route = this.routes.find(
      (r) =>
        (r.times === undefined || r.used < r.times) &&
        (typeof r.path === "string" ? r.path === u.pathname : r.path.test(u.pathname)) &&
        Object.entries(r.query ?? {}).every(([k, v]) => query[k] === v),
    );
    if (!route) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: `no replay route for ${u.pathname}${u.search}` }));
      return;
    }
    route.used++;
    if (route.delayMs) await new Promise((r) => setTimeout(r, route.delayMs));
    if (res.destroyed) return;
    const raw = route.fixture !== undefined ? readFixture(route.fixture) : typeof route.body === "string" ? route.body : JSON.stringify(route.body ?? {});
    const isJson = route.fixture ? route.fixture.endsWith(".json") : typeof route.body !== "string";
    res.writeHead(route.status ?? 200, { "content-type": isJson ? "application/json" : "text/html", ...route.headers });
    res.end(raw);
  }
}
