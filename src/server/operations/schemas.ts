// Response schemas of the operator routes (GET /api/performance, GET /api/admin/config): the OpenAPI document
// renders them and the report's type is derived from them.
import { z } from "zod";

const iso = z.string().meta({ description: "ISO 8601 date or timestamp" });
const num = z.number().nullable();

const latency = { p50Ms: num, p95Ms: num, p99Ms: num, meanMs: num };
export const performanceSchema = z.object({
  time: iso,
  uptimeSec: z.number(),
  routes: z.array(z.object({ route: z.string(), requests: z.number(), errorRate: z.number(), clientErrorRate: z.number(), ...latency })),
  cache: z.object({ lookups: z.number(), hits: z.number(), hitRate: num }),
  memory: z.object({ rssBytes: z.number(), heapUsedBytes: z.number(), heapTotalBytes: z.number(), externalBytes: z.number() }),
  jobs: z.array(z.object({ function: z.string(), count: z.number(), ...latency })),
});
const configValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const adminConfigSchema = z.object({
  config: z.record(z.string(), configValue).meta({ description: "Setting name to effective value; secrets only as \"set\" or \"unset\"" }),
});

export type PerformanceReport = z.output<typeof performanceSchema>;
export type ConfigValue = z.output<typeof configValue>;
