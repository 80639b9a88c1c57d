// Many trees packed into five flat arrays for a compact JSON state (base64) and fast loading.
import { decodeF64, decodeI32, encodeF64, encodeI32 } from "./codec";
import type { Tree } from "./tree";

export interface PackedTrees {
  /** Start node of each tree; child indices are relative to it. */
  offsets: string;
  feature: string;
  threshold: string;
  left: string;
  right: string;
  value: string;
}

export function packTrees(trees: Tree[]): PackedTrees {
  const total = trees.reduce((s, t) => s + t.feature.length, 0);
  const offsets = new Int32Array(trees.length);
  const feature = new Int32Array(total);
  const threshold = new Float64Array(total);
  const left = new Int32Array(total);
  const right = new Int32Array(total);
  const value = new Float64Array(total);
  let at = 0;
  trees.forEach((t, k) => {
    offsets[k] = at;
    feature.set(t.feature, at);
    threshold.set(t.threshold, at);
    left.set(t.left, at);
    right.set(t.right, at);
    value.set(t.value, at);
    at += t.feature.length;
  });
  return {
    offsets: encodeI32(offsets),
    feature: encodeI32(feature),
    threshold: encodeF64(threshold),
    left: encodeI32(left),
    right: encodeI32(right),
    value: encodeF64(value),
  };
}

export function unpackTrees(p: PackedTrees): Tree[] {
  const offsets = decodeI32(p.offsets);
  const feature = decodeI32(p.feature);
  const threshold = decodeF64(p.threshold);
  const left = decodeI32(p.left);
  const right = decodeI32(p.right);
  const value = decodeF64(p.value);
  const trees: Tree[] = [];
  for (let k = 0; k < offsets.length; k++) {
    const a = offsets[k];
    const b = k + 1 < offsets.length ? offsets[k + 1] : feature.length;
    trees.push({
      feature: feature.slice(a, b),
      threshold: threshold.slice(a, b),
      bin: new Int32Array(b - a),
      left: left.slice(a, b),
      right: right.slice(a, b),
      value: value.slice(a, b),
    });
  }
  return trees;
}
