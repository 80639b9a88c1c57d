import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { binMatrix, binValue, fitBins } from "@/server/forecast/trees/binning";
import { fitBoosting, predictBoosting } from "@/server/forecast/trees/boosting";
import { fitForest, predictForest } from "@/server/forecast/trees/forest";
import { packTrees, unpackTrees } from "@/server/forecast/trees/pack";
import { createRng } from "@/server/forecast/trees/rng";
import { buildTree, predictTree } from "@/server/forecast/trees/tree";
import { rowRange, rSquared, stepAndLinear } from "./ml-synthetic";

interface Golden {
  features: number;
  trainRows: number;
  X: number[][];
  y: number[];
  cases: { maxDepth: number; minLeaf: number; nodeCount: number; depth: number; predictions: number[] }[];
}

const golden = JSON.parse(readFileSync("tests/fixtures/forecast/decision-tree-golden.json", "utf8")) as Golden;

function treeDepth(t: { feature: Int32Array; left: Int32Array; right: Int32Array }, k = 0): number {
  return t.feature[k] < 0 ? 0 : 1 + Math.max(treeDepth(t, t.left[k]), treeDepth(t, t.right[k]));
}

describe("binning", () => {
  it("gives one bin per value when a feature has few distinct values", () => {
    const X = Float64Array.from([3, 1, 2, 3, 1, 7]);
    const m = fitBins(X, 6, 1, 64);
    expect(Array.from(m.edges[0])).toEqual([1.5, 2.5, 5]);
    expect(Array.from(binMatrix(X, 6, 1, m).bins)).toEqual([2, 0, 1, 2, 0, 3]);
    expect(binValue(m.edges[0], Number.NaN)).toBe(3);
  });

  it("cuts continuous features into at most maxBins roughly equal-count bins", () => {
    const rng = createRng(7);
    const rows = 5000;
    const X = Float64Array.from({ length: rows }, () => rng.next() ** 3);
    const m = fitBins(X, rows, 1, 64);
    expect(m.nBins[0]).toBeLessThanOrEqual(64);
    expect(m.nBins[0]).toBeGreaterThan(60);
    const counts = new Array(m.nBins[0]).fill(0);
    for (const b of binMatrix(X, rows, 1, m).bins) counts[b]++;
    expect(Math.max(...counts)).toBeLessThan((rows / 64) * 1.5);
    expect(Math.min(...counts)).toBeGreaterThan((rows / 64) * 0.5);
  });
});

describe("single tree vs scikit-learn DecisionTreeRegressor (exact splits on integer grids)", () => {
  const rows = golden.trainRows;
  const cols = golden.features;
  const X = Float64Array.from(golden.X.flat());
  const y = Float64Array.from(golden.y);
  const mapper = fitBins(X, rows, cols, 256);
  const data = binMatrix(X, rows, cols, mapper);
  for (const c of golden.cases) {
    it(`matches sklearn at max_depth=${c.maxDepth}, min_samples_leaf=${c.minLeaf}`, () => {
      const tree = buildTree({
        data,
        mapper,
        grad: y.map((v) => -v),
        hess: new Float64Array(rows).fill(1),
        indices: rowRange(0, rows),
        features: rowRange(0, cols),
        params: { maxDepth: c.maxDepth, minLeaf: c.minLeaf, minChildWeight: 0, lambda: 0, gamma: 0, featuresPerNode: cols },
        rng: createRng(1),
      });
      expect(tree.feature.length).toBe(c.nodeCount);
      expect(treeDepth(tree)).toBe(c.depth);
      for (let i = 0; i < rows; i++) expect(predictTree(tree, X, i * cols)).toBeCloseTo(c.predictions[i], 12);
    });
  }

  it("unit hessians (the squared-error shortcut) and general hessians pick the same splits", () => {
    const build = (hess: Float64Array) =>
      buildTree({
        data,
        mapper,
        grad: y.map((v) => -v),
        hess,
        indices: rowRange(0, rows),
        features: rowRange(0, cols),
        params: { maxDepth: 4, minLeaf: 3, minChildWeight: 0, lambda: 0, gamma: 0, featuresPerNode: cols },
        rng: createRng(1),
      });
    const unit = build(new Float64Array(rows).fill(1));
    // Every hessian 2 (the general path): each gain halves, so the same splits win, and each leaf is half the mean.
    const twice = build(new Float64Array(rows).fill(2));
    expect(Array.from(twice.feature)).toEqual(Array.from(unit.feature));
    expect(Array.from(twice.bin)).toEqual(Array.from(unit.bin));
    twice.value.forEach((v, k) => expect(v).toBeCloseTo(unit.value[k] / 2, 12));
    // A hessian that is not 1 everywhere takes the general path: one heavy row moves a leaf value.
    const heavy = new Float64Array(rows).fill(1);
    heavy[0] = 50;
    expect(Array.from(build(heavy).value)).not.toEqual(Array.from(unit.value));
  });
});

describe("forest and boosting on data with known structure", () => {
  const rows = 2500;
  const cols = 25;
  const train = 2000;
  const d = stepAndLinear({ rows, cols, noise: 0.5, seed: 11 });
  const mapper = fitBins(d.X.subarray(0, train * cols), train, cols, 64);
  const data = binMatrix(d.X, rows, cols, mapper);
  const heldOut = (predict: (offset: number) => number) => {
    const p = Array.from({ length: rows - train }, (_, k) => predict((train + k) * cols));
    return { r2: rSquared(d.y.subarray(train), p), best: rSquared(d.y.subarray(train), d.signal.subarray(train)) };
  };

  it("a 100-tree forest on 2500x25 recovers the signal", () => {
    const trees = fitForest({
      data,
      mapper,
      y: d.y,
      rows: rowRange(0, train),
      params: { nTrees: 100, maxDepth: 10, minLeaf: 5, mtry: 12, bootstrap: true, sampleFraction: 1, seed: 3 },
    });
    const { r2, best } = heldOut((o) => predictForest(trees, d.X, o));
    // Achievable R^2 is ~0.88 with this noise; a forest that found the step, slope and interaction gets close.
    expect(r2).toBeGreaterThan(0.7);
    expect(r2).toBeLessThanOrEqual(best + 0.02);
  });

  it("boosting recovers the signal and early stopping ends before maxRounds", () => {
    const res = fitBoosting({
      data,
      mapper,
      y: d.y,
      train: rowRange(0, 1600),
      valid: rowRange(1600, train),
      params: { maxRounds: 2000, eta: 0.1, maxDepth: 3, lambda: 1, gamma: 0, minChildWeight: 5, subsample: 0.8, colsample: 0.8, patience: 20, seed: 5 },
    });
    expect(res.trees.length).toBeGreaterThan(20);
    expect(res.validationLoss.length).toBeLessThan(2000);
    const bestLoss = Math.min(...res.validationLoss);
    expect(res.validationLoss[res.trees.length - 1]).toBe(bestLoss);
    const { r2 } = heldOut((o) => predictBoosting(res, d.X, o));
    expect(r2).toBeGreaterThan(0.75);
  });

  it("packing trees to base64 and back keeps predictions bit-identical", () => {
    const trees = fitForest({
      data,
      mapper,
      y: d.y,
      rows: rowRange(0, train),
      params: { nTrees: 10, maxDepth: 6, minLeaf: 5, mtry: 8, bootstrap: true, sampleFraction: 1, seed: 9 },
    });
    const back = unpackTrees(JSON.parse(JSON.stringify(packTrees(trees))));
    for (let i = train; i < rows; i++) expect(predictForest(back, d.X, i * cols)).toBe(predictForest(trees, d.X, i * cols));
  });

  it("the same seed gives the same forest, a different seed a different one", () => {
    const fit = (seed: number) =>
      fitForest({ data, mapper, y: d.y, rows: rowRange(0, train), params: { nTrees: 5, maxDepth: 6, minLeaf: 5, mtry: 8, bootstrap: true, sampleFraction: 1, seed } });
    const a = fit(1);
    const b = fit(1);
    const c = fit(2);
    expect(packTrees(b)).toEqual(packTrees(a));
    expect(packTrees(c)).not.toEqual(packTrees(a));
  });
});
