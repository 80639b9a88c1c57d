// Job rows: created "queued" by the queue, moved through running -> done | failed | timeout | cancelled by
// the run. Terminal transitions only apply to a job that is not already finished, so a late writer (a run
// that outlived its timeout, or one that was cancelled) cannot overwrite the outcome.
import type { PrismaClient } from "@/generated/prisma/client";
import { FINISHED_STATUSES, JOB_STATUSES, type JobStatus, type JobView, type StoredJob } from "./types";

type Json = Parameters<PrismaClient["job"]["create"]>[0]["data"]["input"];
const asJson = (v: unknown): Json => JSON.parse(JSON.stringify(v ?? null)) as Json;
const clamp01 = (n: number) => Math.min(1, Math.max(0, Number.isFinite(n) ? n : 0));
const FINISHED = [...FINISHED_STATUSES];

export interface JobStore {
  create(args: { name: string; input: unknown; status?: "queued" | "running"; userId?: string | null; subject?: string | null }): Promise<{ id: string }>;
  get(args: { id: string }): Promise<StoredJob | null>;
  status(args: { id: string }): Promise<JobStatus | null>;
  markRunning(args: { id: string; attempts?: number }): Promise<void>;
  progress(args: { id: string; progress: number; message?: string; result?: unknown }): Promise<void>;
  /** A running job that gave its slot to a higher-priority one: queued again, with a note. */
  requeue(args: { id: string; message: string }): Promise<void>;
  finish(args: { id: string; status: Exclude<JobStatus, "queued" | "running">; result?: unknown; error?: string }): Promise<boolean>;
  counts(): Promise<Record<JobStatus, number>>;
  /**
   * Claims one firing of a schedule for this process: true for the first process to ask, false for every other
   * (several app processes on one database each run the same cron timers).
   */
  claimTick(args: { name: string; at: Date }): Promise<boolean>;
}

/** Claimed firings are kept this long (a late process must still find the claim), then pruned. */
const TICKS_KEPT_MS = 2 * 24 * 3600_000;

/** Told once when a job ends failed or timed out (the server layer announces job.failed with it). */
export type OnJobFailed = (args: { db: PrismaClient; id: string }) => Promise<void>;

export function createJobStore(db: () => Promise<PrismaClient>, { onFailed }: { onFailed?: OnJobFailed } = {}): JobStore {
  return {
    async create({ name, input, status = "queued", userId = null, subject = null }) {
      const now = new Date();
      const row = await (await db()).job.create({
        data: { name, input: asJson(input), status, userId, subject, ...(status === "running" ? { startedAt: now } : {}) },
        select: { id: true },
      });
      return row;
    },
    async get({ id }) {
      const j = await (await db()).job.findUnique({ where: { id } });
      if (!j) return null;
      return {
        id: j.id,
        name: j.name,
        status: j.status as JobStatus,
        progress: j.progress,
        message: j.message,
        result: j.result,
        error: j.error,
        createdAt: j.createdAt.toISOString(),
        startedAt: j.startedAt?.toISOString() ?? null,
        finishedAt: j.finishedAt?.toISOString() ?? null,
        userId: j.userId,
        subject: j.subject,
      };
    },
    async status({ id }) {
      const j = await (await db()).job.findUnique({ where: { id }, select: { status: true } });
      return (j?.status as JobStatus | undefined) ?? null;
    },
    async markRunning({ id, attempts }) {
      const prisma = await db();
      await prisma.job.updateMany({
        where: { id, status: { in: ["queued", "running"] } },
        data: { status: "running", ...(attempts !== undefined ? { attempts } : {}) },
      });
      await prisma.job.updateMany({ where: { id, startedAt: null }, data: { startedAt: new Date() } });
    },
    async progress({ id, progress, message, result }) {
      await (await db()).job.updateMany({
        where: { id, status: "running" },
        // `result` while running: what is done so far (a forecast job's models as they finish).
        data: { progress: clamp01(progress), ...(message !== undefined ? { message } : {}), ...(result !== undefined ? { result: asJson(result) } : {}) },
      });
    },
    async requeue({ id, message }) {
      await (await db()).job.updateMany({ where: { id, status: "running" }, data: { status: "queued", message } });
    },
    async finish({ id, status, result, error }) {
      const { count } = await (await db()).job.updateMany({
        where: { id, status: { notIn: FINISHED } },
        data: {
          status,
          finishedAt: new Date(),
          ...(status === "done" ? { progress: 1, result: asJson(result) } : {}),
          ...(error !== undefined ? { error: error.slice(0, 2000) } : {}),
        },
      });
      // Reported here because both backends record every failure through this transition, once.
      if (count === 1 && onFailed && (status === "failed" || status === "timeout")) void db().then((prisma) => onFailed({ db: prisma, id })).catch(() => undefined);
      return count === 1;
    },
    async claimTick({ name, at }) {
      const prisma = await db();
      const { count } = await prisma.cronTick.createMany({ data: [{ name, at }], skipDuplicates: true });
      // Once an hour, whichever schedule fires then: old claims go.
      if (count === 1 && at.getUTCMinutes() === 0) await prisma.cronTick.deleteMany({ where: { at: { lt: new Date(at.getTime() - TICKS_KEPT_MS) } } });
      return count === 1;
    },
    async counts() {
      const rows = await (await db()).job.groupBy({ by: ["status"], _count: { _all: true } });
      const out = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as Record<JobStatus, number>;
      for (const r of rows) out[r.status as JobStatus] = r._count._all;
      return out;
    },
  };
}

/** The API's view of a stored job (without the owner). */
export function publicJob(j: StoredJob): JobView {
  const { userId: _u, subject: _s, ...view } = j;
  return view;
}
