// The part both Redis-backed buses share: each topic is a capped Redis stream (XADD MAXLEN ~), so ids are
// ordered "<ms>-<seq>" and a dropped stream can resume from Last-Event-ID with XRANGE. The scripts run
// through the cache backends' eval, so they work over TCP and over Upstash REST alike.
import type { RemoteBackend } from "@/lib/cache/types";
import type { BusEvent } from "./types";
import { RETAINED_PER_TOPIC } from "./types";

// ARGV: retain, body, publish?(1/0), ttl ms. The PUBLISH carries "<id>\n<body>" for the TCP fan-out.
const APPEND = `
local id = redis.call("XADD", KEYS[1], "MAXLEN", "~", ARGV[1], "*", "e", ARGV[2])
redis.call("PEXPIRE", KEYS[1], ARGV[4])
if ARGV[3] == "1" then redis.call("PUBLISH", KEYS[1], id .. "\\n" .. ARGV[2]) end
return id
`;
// ARGV: after id (exclusive), count. Returns a flat [id, body, id, body, ...].
const READ_AFTER = `
local r = redis.call("XRANGE", KEYS[1], "(" .. ARGV[1], "+", "COUNT", ARGV[2])
local out = {}
for _, e in ipairs(r) do out[#out + 1] = e[1]; out[#out + 1] = e[2][2] end
return out
`;
const LAST_ID = `
local r = redis.call("XREVRANGE", KEYS[1], "+", "-", "COUNT", 1)
if #r == 0 then return "0-0" end
return r[1][1]
`;

// Topics of users who stopped listening should not live forever.
const TTL_MS = 7 * 24 * 3600 * 1000;

export function createRemoteLog({ remote, keyPrefix = "events:", retain = RETAINED_PER_TOPIC }: { remote: RemoteBackend; keyPrefix?: string; retain?: number }) {
  const key = (topic: string) => `${keyPrefix}${topic}`;
  return {
    key,
    async append({ topic, type, data, fanOut }: { topic: string; type: string; data: unknown; fanOut: boolean }): Promise<BusEvent> {
      const at = new Date().toISOString();
      const body = JSON.stringify({ topic, type, data, at });
      const id = String(await remote.eval(APPEND, [key(topic)], [retain, body, fanOut ? "1" : "0", TTL_MS]));
      return { id, topic, type, data, at };
    },
    async after({ topic, afterId, limit = retain }: { topic: string; afterId: string; limit?: number }): Promise<BusEvent[]> {
      const flat = (await remote.eval(READ_AFTER, [key(topic)], [afterId, limit])) as string[];
      const out: BusEvent[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const e = parseBody(String(flat[i]), String(flat[i + 1]));
        if (e) out.push(e);
      }
      return out;
    },
    async lastId(topic: string): Promise<string> {
      return String(await remote.eval(LAST_ID, [key(topic)], []));
    },
  };
}

/** An event from its stream id and stored body (also the payload of the PUBLISH message). */
export function parseBody(id: string, body: string): BusEvent | null {
  try {
    const b = JSON.parse(body) as Omit<BusEvent, "id">;
    return typeof b?.topic === "string" && typeof b.type === "string" ? { id, topic: b.topic, type: b.type, data: b.data, at: b.at } : null;
  } catch {
    return null;
  }
}
