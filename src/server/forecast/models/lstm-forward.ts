// The LSTM's inference in plain TypeScript: a single window costs microseconds here against milliseconds
// for a tfjs call, and loading a stored model needs no tfjs at all.

export interface LstmShape {
  steps: number;
  inputs: number;
  units: number;
  outputs: number;
}

/**
 * Weights in Keras order: LSTM kernel [inputs, 4u], recurrent [u, 4u], bias [4u] (gates i, f, c, o),
 * head kernel [u + inputs, out] (rows: LSTM state, then last-step inputs), head bias [out].
 */
export interface LstmWeights {
  kernel: Float32Array;
  recurrent: Float32Array;
  bias: Float32Array;
  denseKernel: Float32Array;
  denseBias: Float32Array;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Forward pass for one window x (steps x inputs, row-major) in float64 arithmetic. */
export function forwardLstm({ shape, weights, x }: { shape: LstmShape; weights: LstmWeights; x: Float64Array }): Float64Array {
  const { steps, inputs, units: u, outputs } = shape;
  const g4 = 4 * u;
  const h = new Float64Array(u);
  const c = new Float64Array(u);
  const z = new Float64Array(g4);
  for (let t = 0; t < steps; t++) {
    for (let k = 0; k < g4; k++) z[k] = weights.bias[k];
    for (let i = 0; i < inputs; i++) {
      const xi = x[t * inputs + i];
      if (xi === 0) continue;
      const row = i * g4;
      for (let k = 0; k < g4; k++) z[k] += xi * weights.kernel[row + k];
    }
    for (let j = 0; j < u; j++) {
      const hj = h[j];
      if (hj === 0) continue;
      const row = j * g4;
      for (let k = 0; k < g4; k++) z[k] += hj * weights.recurrent[row + k];
    }
    for (let j = 0; j < u; j++) {
      const ig = sigmoid(z[j]);
      const fg = sigmoid(z[u + j]);
      const cand = Math.tanh(z[2 * u + j]);
      const og = sigmoid(z[3 * u + j]);
      c[j] = fg * c[j] + ig * cand;
      h[j] = og * Math.tanh(c[j]);
    }
  }
  const out = new Float64Array(outputs);
  for (let o = 0; o < outputs; o++) {
    let s = weights.denseBias[o];
    for (let j = 0; j < u; j++) s += h[j] * weights.denseKernel[j * outputs + o];
    const lastStep = (steps - 1) * inputs;
    for (let i = 0; i < inputs; i++) s += x[lastStep + i] * weights.denseKernel[(u + i) * outputs + o];
    out[o] = s;
  }
  return out;
}
