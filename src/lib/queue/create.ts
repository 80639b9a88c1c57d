// The two queue backends behind one interface. Both receive the job definitions; the event payload is
// validated against its definition's zod schema before a Job row is written, so a bad payload is a 400 for
// the caller, not a failed job later.
import type { PrismaClient } from "@/generated/prisma/client";
import { badRequest, unavailable } from "@/lib/errors";
import { elapsedMs, errorMessage, withTimeout, type Health } from "@/lib/health";
import { logger } from "@/lib/logger";
import { wrapJob } from "./define";
import { InProcessRunner } from "./runner";
import { scheduleOf } from "./schedules";
import { createJobStore, type JobStore, type OnJobFailed } from "./store";
import type { JobDefinition, Queue } from "./types";

type Validate = (event: string, data?: Record<string, unknown>) => Record<string, unknown>;

function validator(definitions: readonly JobDefinition[]): Validate {
  const byEvent = new Map(definitions.map((d) => [d.event, d]));
  return (event, data = {}) => {
    const def = byEvent.get(event);
    if (!def) throw badRequest(`Unknown event ${event}`);
    const parsed = def.schema.safeParse(data);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw badRequest(`Invalid ${event} payload: ${i?.path.join(".") || "data"}: ${i?.message}`);
    }
    return parsed.data as Record<string, unknown>;
  };
}

/** A Job row that cannot be written means the queue is down: callers may then do the work inline. */
async function createRow(
  store: JobStore,
  event: string,
  payload: Record<string, unknown>,
  owner: { userId?: string | null },
): Promise<{ id: string }> {
  try {
    const subject = typeof payload.symbol === "string" ? payload.symbol : null;
    return await store.create({ name: event, input: payload, userId: owner.userId ?? null, subject });
  } catch (err) {
    logger.error("job row insert failed", { event, err });
    throw unavailable("Job queue unavailable");
  }
}

async function storeHealth(
  store: JobStore,
  db: () => Promise<unknown>,
  backend: string,
  extra: string,
): Promise<Health> {
  const started = performance.now();
  try {
    // Opening the database (the embedded one starts its WASM engine and migrates) is the database
    // probe's business; only the job-table query itself is held to the queue's timeout.
    await db();
    const c = await withTimeout(store.counts(), { ms: 3000, what: "job table query" });
    return {
      status: "up",
      backend,
      latencyMs: elapsedMs(started),
      detail: `${extra}; jobs queued ${c.queued}, running ${c.running}, failed ${c.failed}, timeout ${c.timeout}`,
    };
  } catch (err) {
    return { status: "down", backend, latencyMs: null, detail: `job table unavailable: ${errorMessage(err)}` };
  }
}

export function createInProcessQueue({
  db,
  definitions,
  concurrency,
  timeoutMs,
  retryDelayMs,
  onFailed,
  schedules = {},
}: {
  db: () => Promise<PrismaClient>;
  definitions: readonly JobDefinition[];
  concurrency: number;
  timeoutMs: number;
  retryDelayMs?: (attempt: number) => number;
  onFailed?: OnJobFailed;
  /** Replacement cron expressions by job id (JOB_SCHEDULES). */
  schedules?: Record<string, string>;
}): Queue & { runner: InProcessRunner; store: JobStore } {
  const store = createJobStore(db, { onFailed });
  const functions = definitions.map((d) => ({ id: d.id, event: d.event, cron: scheduleOf(d, schedules), retries: d.retries, handler: wrapJob(d) }));
  const runner = new InProcessRunner({ store, functions, concurrency, timeoutMs, retryDelayMs });
  const validate = validator(definitions);
  return {
    backend: "inprocess",
    runner,
    store,
    enqueue: async ({ event, data, userId, priority }) => {
      const payload = validate(event, data);
      const { id } = await createRow(store, event, payload, { userId });
      return runner.start({ jobId: id, event, data: payload, priority });
    },
    getJob: (id) => store.get({ id }),
    prioritize: async (id, priority) => runner.prioritize(id, priority),
    cancel: async (id) => {
      const changed = await store.finish({ id, status: "cancelled", error: "Cancelled on request" });
      if (changed) runner.cancel(id);
      return changed;
    },
    health: () => {
      const s = runner.stats;
      return storeHealth(store, db, "inprocess", `concurrency ${concurrency}, ${s.running} running and ${s.waiting} waiting here`);
    },
  };
}

/** What the Inngest backend needs from the client (kept narrow so this file does not import the SDK). */
export interface EventSender {
  send(payload: { name: string; data: Record<string, unknown> }): Promise<unknown>;
}

export function createInngestQueue({
  db,
  definitions,
  sender,
  devServerUrl,
  onFailed,
}: {
  db: () => Promise<PrismaClient>;
  definitions: readonly JobDefinition[];
  /** Builds (on first use) the one Inngest client. */
  sender: () => Promise<EventSender>;
  /** Set in dev mode: health probes the local Inngest dev server. */
  devServerUrl?: string;
  onFailed?: OnJobFailed;
}): Queue & { store: JobStore } {
  const store = createJobStore(db, { onFailed });
  const validate = validator(definitions);
  return {
    backend: "inngest",
    store,
    async enqueue({ event, data, userId }) {
      const payload = validate(event, data);
      const { id } = await createRow(store, event, payload, { userId });
      try {
        await (await sender()).send({ name: event, data: { ...payload, jobId: id } });
      } catch (err) {
        await store.finish({ id, status: "failed", error: `could not send event to Inngest: ${errorMessage(err)}` });
        logger.error("inngest send failed", { event, jobId: id, err });
        throw unavailable("Job queue unavailable");
      }
      return { jobId: id };
    },
    getJob: (id) => store.get({ id }),
    // Runs are ordered by Inngest (its functions declare no priority).
    prioritize: async () => false,
    // The run sees the cancelled row at its next model boundary (checkCancelled) and stops there.
    cancel: (id) => store.finish({ id, status: "cancelled", error: "Cancelled on request" }),
    async health() {
      if (!devServerUrl) return storeHealth(store, db, "inngest", "Inngest Cloud (event key set; not probed)");
      const started = performance.now();
      try {
        await withTimeout(fetch(devServerUrl, { method: "GET" }), { ms: 2000, what: "Inngest dev server" });
        const latencyMs = elapsedMs(started);
        const h = await storeHealth(store, db, "inngest", `dev server ${devServerUrl}`);
        return h.status === "up" ? { ...h, latencyMs } : h;
      } catch (err) {
        return { status: "down", backend: "inngest", latencyMs: null, detail: `dev server ${devServerUrl}: ${errorMessage(err)}` };
      }
    },
  };
}

