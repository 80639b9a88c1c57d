"use client";
// A symbol's forecast: GET answers at once (a symbol never trained gets its calibrated baseline) and names
// the symbol's training job when one runs, which is then followed (the models appear as they finish: the
// job's `result` holds them). `ask` requests the full model set (POST), `cancel` stops the followed job.
import { useState } from "react";
import useSWR from "swr";
import type { ForecastJobView, PredictionResult, TrainingRef } from "@/server/predictions";

export class ForecastError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Read = PredictionResult & { training?: TrainingRef | null };

async function requestJson(url: string, method: "GET" | "POST" = "GET"): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method, credentials: "same-origin", headers: { accept: "application/json" } });
  const body = await res.json().catch(() => null);
  if (!res.ok && res.status !== 202) throw new ForecastError(res.status, body?.error?.message ?? `Request failed (${res.status})`);
  return { status: res.status, body };
}

const fetchRead = async (url: string): Promise<Read> => (await requestJson(url)).body as Read;
const fetchJob = async (url: string): Promise<ForecastJobView> => (await requestJson(url)).body as ForecastJobView;
const FINISHED = ["done", "failed", "timeout", "cancelled", "interrupted"];

/** The training job being followed, as the page shows it. */
export interface TrainingJob {
  jobId: string;
  status: string;
  progress: number;
  message: string | null;
}

export type ForecastState =
  | { state: "loading" }
  | { state: "error"; status: number; message: string }
  | {
      state: "ready";
      result: PredictionResult;
      /** The symbol's training job while it is queued or running. */
      training: TrainingJob | null;
      /** How the last training ended when it did not finish: cancelled, left (someone else's, no longer followed), or failed. */
      ended: { kind: "cancelled" } | { kind: "left" } | { kind: "failed"; message: string } | null;
      /** Why asking for the models was refused (the training quota), shown beside the baseline. */
      refused: string | null;
    };

export type ForecastControls = { ask: () => Promise<void>; cancel: () => Promise<void>; retry: () => void };

export function useForecast(symbol: string): ForecastState & ForecastControls {
  const url = `/api/predictions/${encodeURIComponent(symbol)}`;
  const read = useSWR(url, fetchRead, { revalidateOnFocus: false, shouldRetryOnError: false });
  const [askedJob, setAskedJob] = useState<string | null>(null);
  const [asked, setAsked] = useState<PredictionResult | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  // The person had joined someone else's training and stopped waiting for it (it goes on for them).
  const [left, setLeft] = useState(false);
  const jobId = left ? null : (askedJob ?? read.data?.training?.job_id ?? null);
  const job = useSWR(jobId ? `/api/jobs/${jobId}` : null, fetchJob, {
    refreshInterval: (j) => (j && FINISHED.includes(j.status) ? 0 : 1000),
    revalidateOnFocus: false,
  });
  const retry = () => {
    setLeft(false);
    void read.mutate(undefined, { revalidate: true });
  };
  const ask = async () => {
    setRefused(null);
    setLeft(false);
    try {
      const r = await requestJson(url, "POST");
      if (r.status === 202) setAskedJob(r.body.job_id as string);
      else setAsked(r.body as PredictionResult);
    } catch (err) {
      setRefused(err instanceof Error ? err.message : String(err));
    }
  };
  const cancel = async () => {
    if (!jobId) return;
    const init = { credentials: "same-origin", headers: { accept: "application/json" } } as const;
    const res = await fetch(`/api/jobs/${jobId}`, { method: "DELETE", ...init });
    // Someone else started this training: only they (or an admin) may cancel it; this person stops waiting.
    if (res.status === 403) {
      await fetch(`/api/jobs/${jobId}/leave`, { method: "POST", ...init });
      setAskedJob(null);
      setLeft(true);
      return;
    }
    await job.mutate();
  };
  const controls = { ask, cancel, retry };

  if (read.error) {
    const e = read.error as ForecastError;
    return { state: "error", status: e.status ?? 0, message: e.message, ...controls };
  }
  if (!read.data) return { state: "loading", ...controls };
  const j = job.data;
  // The newest forecast: the job's (its models so far, or all of them when done), else what GET or POST gave.
  const fromJob = j?.result && typeof j.result === "object" && "models" in j.result ? j.result : null;
  const result = fromJob ?? asked ?? read.data;
  const running = jobId && (!j || !FINISHED.includes(j.status));
  const training = running ? { jobId, status: j?.status ?? "queued", progress: j?.progress ?? 0, message: j?.message ?? null } : null;
  const ended = left
    ? { kind: "left" as const }
    : j?.status === "cancelled"
      ? { kind: "cancelled" as const }
      : j?.status === "interrupted"
        ? { kind: "failed" as const, message: "Training stopped because the server restarted; ask for it again" }
        : j && (j.status === "failed" || j.status === "timeout")
        ? { kind: "failed" as const, message: `The training ${j.status === "timeout" ? "timed out" : "failed"}${j.error ? `: ${j.error}` : ""}` }
        : null;
  return { state: "ready", result, training, ended, refused, ...controls };
}
