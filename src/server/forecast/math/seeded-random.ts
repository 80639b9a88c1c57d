// The engine's one seeded uniform generator, for every draw that must repeat to the last digit: the trees'
// bootstrap and feature samples, the cross-section's resampled weeks, the portfolio copula's normals.

/** mulberry32: small, fast and seedable; uniform in [0, 1), the same sequence for a seed on every platform. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
