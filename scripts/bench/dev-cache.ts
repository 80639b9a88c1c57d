// Development-window backtests on disk, so `bench:models --dev-cache FILE` need not recompute what
// `scripts/bench/ensemble-dev-window.ts --save FILE` already backtested (the member backtests on bars up to
// 2022-03-04 are the slow half of a held-out run). Typed arrays are stored tagged; NaN as null.
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { devSeries, devTicker, type DevTicker } from "../../src/server/forecast";
import type { ModelSpec, PriceSeries } from "../../src/server/forecast/vocabulary";

const TAGS = { f64: Float64Array, i32: Int32Array, u8: Uint8Array } as const;

export function saveDev(file: string, dev: readonly DevTicker[], note: Record<string, unknown>) {
  const replacer = (_k: string, v: unknown) => {
    for (const [tag, T] of Object.entries(TAGS)) if (v instanceof T) return { $t: tag, v: Array.from(v as ArrayLike<number>, (x) => (Number.isFinite(x) ? x : null)) };
    return v;
  };
  writeFileSync(`${file}.tmp`, JSON.stringify({ ...note, createdAt: new Date().toISOString(), dev: dev.map((d) => ({ symbol: d.symbol, members: d.members.map((m) => ({ ...m, store: undefined, finalWarm: undefined })) })) }, replacer));
  renameSync(`${file}.tmp`, file);
}

/** The stored backtests of the given symbols, with their series cut at DEV_CUT again from the full series. */
export function loadDev(file: string, series: readonly PriceSeries[]): { dev: DevTicker[]; note: Record<string, unknown> } {
  const doc = JSON.parse(readFileSync(file, "utf8"), (_k, v) => {
    if (v && typeof v === "object" && "$t" in v) return (TAGS[v.$t as keyof typeof TAGS] as Float64ArrayConstructor).from(v.v as (number | null)[], (x) => (x === null ? Number.NaN : x));
    return v;
  });
  const bySymbol = new Map<string, DevTicker["members"]>(doc.dev.map((d: { symbol: string; members: DevTicker["members"] }) => [d.symbol, d.members]));
  const dev = series.map((s) => {
    const members = bySymbol.get(s.symbol);
    if (!members) throw new Error(`${file} has no development-window backtests of ${s.symbol}`);
    return { symbol: s.symbol, series: devSeries(s), members };
  });
  const { dev: _d, ...note } = doc;
  return { dev, note };
}

/** From the file when given, else backtested now. */
export async function devTickers(o: { series: readonly PriceSeries[]; specs: readonly ModelSpec[]; cache?: string; log: (m: string) => void }): Promise<DevTicker[]> {
  if (o.cache) {
    // A development-window run may still be writing it: wait (up to 90 min) rather than recompute.
    const ready = (f: string) => existsSync(f) && Date.now() - statSync(f).mtimeMs > 10_000;
    for (let waited = 0; !ready(o.cache) && waited < 90; waited++) {
      if (waited % 5 === 0) o.log(`waiting for ${o.cache} ...`);
      await sleep(60_000);
    }
    const { dev, note } = loadDev(o.cache, o.series);
    const missing = o.specs.filter((s) => !dev.every((d) => d.members.some((m) => m.model === s.name)));
    if (missing.length) throw new Error(`${o.cache} lacks ${missing.map((m) => m.name).join(", ")}`);
    o.log(`development-window backtests read from ${o.cache} (${JSON.stringify(note)})`);
    return dev.map((d) => ({ ...d, members: d.members.filter((m) => o.specs.some((s) => s.name === m.model)) }));
  }
  const dev: DevTicker[] = [];
  const t0 = performance.now();
  for (const s of o.series) {
    dev.push(await devTicker({ series: s, specs: o.specs }));
    o.log(`development window ${s.symbol}: ${o.specs.length} models backtested (${((performance.now() - t0) / 1000).toFixed(0)} s so far)`);
  }
  return dev;
}
