// The test-only Upstash REST server must speak the protocol the real service does, or the Upstash
// contract run proves nothing: auth, "/" commands, pipelines, transactions, base64 encoding.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpstashRestServer, type UpstashRestServer } from "../../support/upstash-rest-server";
import { connectRedis, deleteByPrefix, redisUrl, uniquePrefix } from "./redis-test-env";
import type { RedisConnection } from "@/lib/cache/redis";

describe("Upstash REST protocol server", () => {
  let server: UpstashRestServer;
  let conn: RedisConnection;
  const prefix = uniquePrefix("rest");
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(server.url + path, {
      method: "POST",
      headers: { Authorization: `Bearer ${server.token}`, "Content-Type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    conn = await connectRedis();
    server = await startUpstashRestServer({ redisUrl: redisUrl() });
  });
  afterAll(async () => {
    await deleteByPrefix(conn, prefix);
    await server?.close();
    conn?.disconnect();
  });

  it("refuses a wrong token with 401", async () => {
    const res = await fetch(server.url, { method: "POST", headers: { Authorization: "Bearer nope" }, body: '["PING"]' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Unauthorized" });
  });

  it("runs a command and returns { result }, base64-encoded only when asked", async () => {
    expect(await (await post("/", ["SET", `${prefix}a`, "héllo"])).json()).toEqual({ result: "OK" });
    expect(await conn.get(`${prefix}a`)).toBe("héllo");
    expect(await (await post("/", ["GET", `${prefix}a`])).json()).toEqual({ result: "héllo" });
    expect(await (await post("/", ["GET", `${prefix}a`], { "Upstash-Encoding": "base64" })).json()).toEqual({
      result: Buffer.from("héllo").toString("base64"),
    });
    expect(await (await post("/", ["INCRBY", `${prefix}n`, 5], { "Upstash-Encoding": "base64" })).json()).toEqual({ result: 5 });
    expect(await (await post("/", ["GET", `${prefix}missing`])).json()).toEqual({ result: null });
  });

  it("answers a command error with 400 and { error }", async () => {
    const res = await post("/", ["INCR", `${prefix}a`]);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/^ERR value is not an integer/);
  });

  it("runs pipelines and transactions, one { result } or { error } per command", async () => {
    const pipe = await (await post("/pipeline", [["SET", `${prefix}p`, "1"], ["INCR", `${prefix}p`], ["INCR", `${prefix}a`]])).json();
    expect(pipe[0]).toEqual({ result: "OK" });
    expect(pipe[1]).toEqual({ result: 2 });
    expect(pipe[2].error).toMatch(/^ERR value is not an integer/);
    const tx = await (await post("/multi-exec", [["INCR", `${prefix}p`], ["GET", `${prefix}p`]])).json();
    expect(tx).toEqual([{ result: 3 }, { result: "3" }]);
  });
});
