// Inngest-style time strings ("500ms", "30s", "5m", "1h30m", "2d") to milliseconds.
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function durationMs(d: number | string): number {
  if (typeof d === "number") {
    if (!Number.isFinite(d) || d < 0) throw new Error(`Invalid duration: ${d}`);
    return d;
  }
  const parts = [...d.trim().matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== d.trim()) throw new Error(`Invalid duration: ${JSON.stringify(d)}`);
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]], 0);
}

/** Milliseconds as an Inngest time string (whole seconds, at least 1s). */
export const toTimeStr = (ms: number): `${number}s` => `${Math.max(1, Math.ceil(ms / 1000))}s`;
