import { mulberry32 } from "../math/seeded-random";

/** Small seeded PRNG (mulberry32): fast, repeatable across runs and platforms. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

export function createRng(seed: number): Rng {
  // Seed 0 starts from the golden-ratio constant instead (as it always has here; the other users take 0 as is).
  const next = mulberry32(seed >>> 0 || 0x9e3779b9);
  return { next, int: (n: number) => Math.floor(next() * n) };
}

/** Fisher-Yates shuffle in place. */
export function shuffleInPlace(a: Int32Array | number[], rng: Rng): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = a[i];
    a[i] = a[j];
    a[j] = tmp;
  }
}

/** k distinct indices from [0, n), in random order. */
export function sampleWithoutReplacement(n: number, k: number, rng: Rng, scratch?: Int32Array): Int32Array {
  const pool = scratch && scratch.length >= n ? scratch : new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const tmp = pool[i];
    pool[i] = pool[j];
    pool[j] = tmp;
  }
  return pool.slice(0, k);
}
