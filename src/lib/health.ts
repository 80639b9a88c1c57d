// The health shape every infrastructure module reports, and the probe helpers they share.
export type HealthStatus = "up" | "down" | "degraded";

export type Health = {
  status: HealthStatus;
  backend: string;
  latencyMs: number | null;
  detail?: string;
};

/** Rejects with a timeout error when `promise` does not settle within `ms`; the timer never keeps the process alive. */
export function withTimeout<T>(promise: Promise<T>, { ms, what }: { ms: number; what: string }): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Milliseconds since `started` (a performance.now() value), rounded to 0.1 ms. */
export function elapsedMs(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
