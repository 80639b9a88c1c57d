import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readSeriesCsv, windowSeries } from "@/server/forecast/data";
import { fitLstmWith } from "@/server/forecast/models/lstm";
import { tfLoaded } from "@/server/forecast/models/lstm-net";
import { trainHere } from "@/server/training/train-worker";
import { importsOf } from "../../support/import-graph";

// Loading TensorFlow.js costs ~0.7 s of CPU. A training thread loaded it at its start (a static import in the
// engine and its warm-up task), on the cores the first baseline after a fresh start waits for. Only an LSTM
// fit needs it: it is loaded then, once per thread.

/** The packages a file loads when it is imported: static imports and re-exports, followed through the app's own files. */
function packagesLoadedBy(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const e of importsOf({ path, source: readFileSync(path, "utf8") })) {
      if (e.kind === "type" || e.kind === "dynamic") continue;
      if (e.to) visit(e.to);
      else if (!e.specifier.startsWith("@/") && !e.specifier.startsWith(".")) packages.add(e.specifier);
    }
  };
  visit(entry);
  return packages;
}

const aapl = readSeriesCsv({ symbol: "AAPL" });

describe("TensorFlow.js is loaded by the first LSTM fit only", () => {
  it("is not among the packages the training worker's entry or the engine's front door load", () => {
    for (const entry of ["src/server/training/train-worker.ts", "src/server/forecast/index.ts"]) {
      const packages = [...packagesLoadedBy(entry)];
      // The walk does reach packages (piscina, zod): an empty set would prove nothing.
      expect(packages.length, entry).toBeGreaterThan(0);
      expect(packages.filter((p) => p.startsWith("@tensorflow/")), entry).toEqual([]);
    }
  });

  it("a baseline (naive and drift) trains without loading it; an LSTM fit loads it and trains", async () => {
    expect(tfLoaded()).toBe(false);
    const series = windowSeries(aapl, aapl.dates.length - 700);
    const r = await trainHere({ series, models: ["naive", "drift"], ensembleMembers: [], version: "v-test" });
    expect(r.models.map((m) => m.artifact.model)).toEqual(["naive", "drift"]);
    expect(tfLoaded()).toBe(false);

    const lstm = await fitLstmWith(windowSeries(aapl, aapl.dates.length - 1000), { window: 300, units: 8, maxEpochs: 2 });
    expect(tfLoaded()).toBe(true);
    const params = lstm.toState().params as { epochs: number; validationLoss: number[] };
    expect(params.validationLoss.length).toBeGreaterThan(0);
    expect(params.validationLoss.every(Number.isFinite)).toBe(true);
    expect(lstm.predict(series).length).toBeGreaterThan(0);
  });
});
