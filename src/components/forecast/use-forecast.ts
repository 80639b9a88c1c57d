"use client";
// Requests a symbol's forecast; on 202 polls the job it names until the job is done, then shows its result.
import { useState } from "react";
import useSWR from "swr";
import type { JobView } from "@/lib/queue/types";
import type { PredictionResult } from "@/server/predictions/types";

export class ForecastError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type First = { kind: "ready"; result: PredictionResult } | { kind: "pending"; jobId: string };

async function getJson(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { credentials: "same-origin", headers: { accept: "application/json" } });
  const body = await res.json().catch(() => null);
  if (!res.ok && res.status !== 202) throw new ForecastError(res.status, body?.error?.message ?? `Request failed (${res.status})`);
  return { status: res.status, body };
}

async function fetchPrediction(url: string): Promise<First> {
  const { status, body } = await getJson(url);
  return status === 202 ? { kind: "pending", jobId: body.job_id } : { kind: "ready", result: body as PredictionResult };
}

const fetchJob = async (url: string): Promise<JobView> => (await getJson(url)).body as JobView;
const FINISHED = ["done", "failed", "timeout", "cancelled", "interrupted"];

export type ForecastState =
  | { state: "loading" }
  | { state: "error"; status: number; message: string }
  | { state: "running"; progress: number; message: string | null; status: string; jobId: string }
  // left: the person had joined someone else's training and stopped waiting for it (it goes on for them).
  | { state: "cancelled"; left?: boolean }
  | { state: "ready"; result: PredictionResult };

/** `enabled` false: nothing is requested (a page visit to an untrained symbol must not start training). */
export function useForecast(symbol: string, { enabled = true }: { enabled?: boolean } = {}): ForecastState & { retry: () => void; cancel: () => Promise<void> } {
  const first = useSWR(enabled ? `/api/predictions/${encodeURIComponent(symbol)}` : null, fetchPrediction, {
    revalidateOnFocus: false,
    shouldRetryOnError: false,
  });
  const jobId = first.data?.kind === "pending" ? first.data.jobId : null;
  const job = useSWR(jobId ? `/api/jobs/${jobId}` : null, fetchJob, {
    refreshInterval: (j) => (j && FINISHED.includes(j.status) ? 0 : 1000),
    revalidateOnFocus: false,
  });
  const [left, setLeft] = useState(false);
  const retry = () => {
    setLeft(false);
    void first.mutate(undefined, { revalidate: true });
  };
  const cancel = async () => {
    if (!jobId) return;
    const init = { credentials: "same-origin", headers: { accept: "application/json" } } as const;
    const res = await fetch(`/api/jobs/${jobId}`, { method: "DELETE", ...init });
    // Someone else started this training: only they (or an admin) may cancel it; this person stops waiting.
    if (res.status === 403) {
      await fetch(`/api/jobs/${jobId}/leave`, { method: "POST", ...init });
      setLeft(true);
      return;
    }
    await job.mutate();
  };

  if (first.error) {
    const e = first.error as ForecastError;
    return { state: "error", status: e.status ?? 0, message: e.message, retry, cancel };
  }
  if (!first.data) return { state: "loading", retry, cancel };
  if (first.data.kind === "ready") return { state: "ready", result: first.data.result, retry, cancel };
  if (left) return { state: "cancelled", left: true, retry, cancel };
  if (job.error) return { state: "error", status: (job.error as ForecastError).status ?? 0, message: (job.error as Error).message, retry, cancel };
  const j = job.data;
  if (j?.status === "done" && j.result) return { state: "ready", result: j.result as PredictionResult, retry, cancel };
  if (j?.status === "cancelled") return { state: "cancelled", retry, cancel };
  if (j?.status === "interrupted") return { state: "error", status: 503, message: "Training stopped because the server restarted; try again", retry, cancel };
  if (j && (j.status === "failed" || j.status === "timeout")) {
    return { state: "error", status: 500, message: `The forecast job ${j.status === "timeout" ? "timed out" : "failed"}${j.error ? `: ${j.error}` : ""}`, retry, cancel };
  }
  return { state: "running", progress: j?.progress ?? 0, message: j?.message ?? null, status: j?.status ?? "queued", jobId: jobId!, retry, cancel };
}
