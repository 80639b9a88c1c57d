// A test-only HTTP server speaking Upstash Redis's REST protocol in front of a real Redis, so the
// @upstash/redis client (and @upstash/ratelimit) run unmodified against real data in tests.
// Protocol (as used by @upstash/redis's HttpClient): POST a JSON command array to "/", an array of
// command arrays to "/pipeline" or "/multi-exec"; "Authorization: Bearer <token>"; replies
// { result } or { error } (arrays of them for pipelines); with "Upstash-Encoding: base64" every
// string in a result is base64-encoded.
// Upstash accepts the script flag "allow-key-locking" (used by @upstash/ratelimit's Lua scripts),
// which open-source Redis rejects; the server drops that flag and maps the client's EVALSHA hashes
// to the hashes of the scripts Redis actually loaded.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createRedisConnection, type RedisConnection } from "@/lib/cache/redis";

export interface UpstashRestServer {
  url: string;
  token: string;
  /** Requests served, by path ("/", "/pipeline", "/multi-exec"). */
  requests: Record<string, number>;
  close(): Promise<void>;
}

type Command = (string | number | boolean | null)[];
type Reply = { result: unknown } | { error: string };

function encode(value: unknown): unknown {
  if (typeof value === "string") return Buffer.from(value, "utf8").toString("base64");
  if (Buffer.isBuffer(value)) return value.toString("base64");
  if (Array.isArray(value)) return value.map(encode);
  return value;
}

function isCommand(x: unknown): x is Command {
  return Array.isArray(x) && x.length > 0 && typeof x[0] === "string" && x.every((a) => ["string", "number", "boolean"].includes(typeof a) || a === null);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

const sha1 = (s: string) => createHash("sha1").update(s).digest("hex");
const UPSTASH_ONLY_FLAGS = /^(#!lua[^\n]*?)\s*flags=allow-key-locking/;

/** Client-side script hash -> hash of the script as loaded into Redis. */
const shaMap = new Map<string, string>();

function translate(name: string, args: string[]): [string, string[]] {
  const cmd = name.toLowerCase();
  if ((cmd === "eval" || cmd === "eval_ro") && args[0]) {
    const script = args[0].replace(UPSTASH_ONLY_FLAGS, "$1");
    if (script !== args[0]) shaMap.set(sha1(args[0]), sha1(script));
    return [name, [script, ...args.slice(1)]];
  }
  if ((cmd === "evalsha" || cmd === "evalsha_ro") && args[0]) return [name, [shaMap.get(args[0]) ?? args[0], ...args.slice(1)]];
  return [name, args];
}

async function runOne(redis: RedisConnection, [rawName, ...rawArgs]: Command): Promise<Reply> {
  try {
    const [name, args] = translate(String(rawName), rawArgs.map((a) => (a === null ? "" : String(a))));
    const result = await redis.call(name, ...args);
    return { result };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

export async function startUpstashRestServer({ redisUrl, token = "test-token" }: { redisUrl: string; token?: string }): Promise<UpstashRestServer> {
  const redis = createRedisConnection({ url: redisUrl, timeoutMs: 2000 });
  await redis.connect();
  const requests: Record<string, number> = {};

  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? "/").split("?")[0].replace(/\/+$/, "") || "/";
      requests[path] = (requests[path] ?? 0) + 1;
      if (req.headers.authorization !== `Bearer ${token}`) return send(res, 401, { error: "Unauthorized" });
      if (req.method !== "POST") return send(res, 405, { error: "Method not allowed" });
      const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
      const out = (r: Reply) => ("result" in r && base64 ? { result: encode(r.result) } : r);
      let body: unknown;
      try {
        body = await readJson(req);
      } catch {
        return send(res, 400, { error: "ERR failed to parse command" });
      }
      if (path === "/") {
        if (!isCommand(body)) return send(res, 400, { error: "ERR failed to parse command" });
        const reply = await runOne(redis, body);
        return send(res, "error" in reply ? 400 : 200, out(reply));
      }
      if (path === "/pipeline" || path === "/multi-exec") {
        if (!Array.isArray(body) || !body.every(isCommand)) return send(res, 400, { error: "ERR failed to parse pipeline" });
        if (path === "/pipeline") {
          const replies: Reply[] = [];
          for (const cmd of body) replies.push(await runOne(redis, cmd));
          return send(res, 200, replies.map(out));
        }
        const tx = redis.multi();
        for (const [rawName, ...rawArgs] of body) {
          const [name, args] = translate(String(rawName), rawArgs.map((a) => (a === null ? "" : String(a))));
          tx.call(name, ...args);
        }
        const results = (await tx.exec()) ?? [];
        return send(
          res,
          200,
          results.map(([err, result]) => (err ? { error: err.message } : out({ result }))),
        );
      }
      return send(res, 404, { error: "Not found" });
    })().catch((err: unknown) => send(res, 500, { error: String(err) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      redis.disconnect();
    },
  };
}
