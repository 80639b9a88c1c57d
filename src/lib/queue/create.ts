// The two queue backends behind one interface. The event payload is validated against its zod schema
// before a Job row is written, so a bad payload is a 400 for the caller, not a failed job later.
import type { PrismaClient } from "@/generated/prisma/client";
import { badRequest, unavailable } from "@/lib/errors";
import { elapsedMs, errorMessage, withTimeout, type Health } from "@/lib/health";
import { logger } from "@/lib/logger";
import { InProcessRunner, type RunnableFunction } from "@/server/jobs/runner";
import { createJobStore, type JobStore } from "@/server/jobs/store";
import { events, isEventName } from "../../../inngest/events";
import type { Queue } from "./types";

function validate(event: string, data: Record<string, unknown> = {}): Record<string, unknown> {
  if (!isEventName(event)) throw badRequest(`Unknown event ${event}`);
  const parsed = events[event].safeParse(data);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw badRequest(`Invalid ${event} payload: ${i?.path.join(".") || "data"}: ${i?.message}`);
  }
  return parsed.data as Record<string, unknown>;
}

/** A Job row that cannot be written means the queue is down: callers may then do the work inline. */
async function createRow(store: JobStore, event: string, payload: Record<string, unknown>): Promise<{ id: string }> {
  try {
    return await store.create({ name: event, input: payload });
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
  functions,
  concurrency,
  timeoutMs,
  retryDelayMs,
}: {
  db: () => Promise<PrismaClient>;
  functions: RunnableFunction[];
  concurrency: number;
  timeoutMs: number;
  retryDelayMs?: (attempt: number) => number;
}): Queue & { runner: InProcessRunner; store: JobStore } {
  const store = createJobStore(db);
  const runner = new InProcessRunner({ store, functions, concurrency, timeoutMs, retryDelayMs });
  return {
    backend: "inprocess",
    runner,
    store,
    enqueue: async ({ event, data }) => {
      const payload = validate(event, data);
      const { id } = await createRow(store, event, payload);
      return runner.start({ jobId: id, event, data: payload });
    },
    getJob: (id) => store.get({ id }),
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
  sender,
  devServerUrl,
}: {
  db: () => Promise<PrismaClient>;
  sender: EventSender;
  /** Set in dev mode: health probes the local Inngest dev server. */
  devServerUrl?: string;
}): Queue & { store: JobStore } {
  const store = createJobStore(db);
  return {
    backend: "inngest",
    store,
    async enqueue({ event, data }) {
      const payload = validate(event, data);
      const { id } = await createRow(store, event, payload);
      try {
        await sender.send({ name: event, data: { ...payload, jobId: id } });
      } catch (err) {
        await store.finish({ id, status: "failed", error: `could not send event to Inngest: ${errorMessage(err)}` });
        logger.error("inngest send failed", { event, jobId: id, err });
        throw unavailable("Job queue unavailable");
      }
      return { jobId: id };
    },
    getJob: (id) => store.get({ id }),
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

