// Benjamini–Hochberg adjusted p-values: with many symbols × horizons tested at once, some raw p-values
// fall below 0.05 by chance alone; the adjustment keeps the expected share of false "edges" at 5%.

/** Adjusted p-values in the input order (step-up, monotone, capped at 1). Non-finite inputs stay null. */
export function benjaminiHochberg(pValues: readonly (number | null)[]): (number | null)[] {
  const idx = pValues.map((p, i) => ({ p, i })).filter((x): x is { p: number; i: number } => x.p !== null && Number.isFinite(x.p));
  const m = idx.length;
  const out: (number | null)[] = pValues.map(() => null);
  idx.sort((a, b) => a.p - b.p);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    running = Math.min(running, (idx[r].p * m) / (r + 1));
    out[idx[r].i] = Math.min(1, running);
  }
  return out;
}
