// Versioned model artifacts: metadata, backtest metrics, interval calibration and the model state as JSON.
// Loading rebuilds the FittedModel from its state; nothing is refitted.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { canonicalSymbolSchema } from "../../lib/symbol";
import type { Calibration } from "./intervals";
import type { HorizonMetrics } from "./metrics";
import { VOL_MODEL_NAMES } from "./volatility/models";
import { MODEL_NAMES } from "./model-names";
import { HORIZON_KEYS, type FittedModel, type HorizonKey, type ModelName, type ModelSpec, type ModelState } from "./types";

/** Format of the artifact envelope (bump on breaking changes; model states carry their own format). */
export const ARTIFACT_SCHEMA = 1;
export const ENGINE_VERSION = "1.0.0";

export interface ModelArtifact {
  schema: typeof ARTIFACT_SCHEMA;
  model: ModelName;
  version: string;
  symbol: string;
  trainedAt: string;
  trainingWindow: { from: string; to: string; n: number };
  hyperparameters: Record<string, unknown>;
  features: string[];
  metrics: Partial<Record<HorizonKey, HorizonMetrics>>;
  /**
   * `eventMultiplier`: the earnings-release term's m the intervals were calibrated with (volatility/event-term.ts);
   * `eventSource` "filed" when its release days were the SEC-filed ones (`filedDays`, the release bars' dates
   * known at the last bar), absent when they were inferred from the bars. Serving reads the same source.
   */
  calibration: Partial<Record<HorizonKey, Calibration & { eventMultiplier?: number; eventSource?: "filed" | "inferred"; filedDays?: string[] }>>;
  backtest: { firstOrigin: string; lastOrigin: string; fits: number; refitEvery: number; fitMs: number; predictMs: number };
  fitMs: number;
  libraryVersions: Record<string, string>;
  state: ModelState;
}

const num = z.number().finite();
const nullableNum = z.number().nullable();
const horizonKey = z.enum(HORIZON_KEYS as [HorizonKey, ...HorizonKey[]]);
const modelName = z.enum(MODEL_NAMES);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const coverageSchema = z.looseObject({ level: num, n: z.number().int().min(0), coverage: nullableNum, meanWidth: nullableNum, kupiecPValue: nullableNum });
const metricsSchema = z.looseObject({
  horizon: horizonKey,
  steps: z.number().int().positive(),
  n: z.number().int().min(0),
  mae: nullableNum,
  rmse: nullableNum,
  mape: nullableNum,
  naiveMae: nullableNum,
  maeRatio: nullableNum,
  direction: z.looseObject({ n: z.number().int().min(0), correct: z.number().int().min(0), accuracy: nullableNum, pValue: nullableNum }),
  dm: z.looseObject({ n: z.number().int(), meanDiff: nullableNum, stat: nullableNum, pValue: nullableNum }).nullable(),
  coverage: z.object({ "80": coverageSchema, "95": coverageSchema, "99": coverageSchema }),
});
// `method` says whether the miss rates were adapted ("conformal-aci") or not ("vol-scaled-split-conformal").
// Artifacts from before the volatility models (no `volState`) still load: their intervals are scaled by
// the EWMA, as they were trained.
const calibrationSchema = z.object({
  method: z.enum(["conformal-aci", "vol-scaled-split-conformal"]),
  volModel: z.enum(VOL_MODEL_NAMES).optional(),
  volState: z.looseObject({ model: z.enum(VOL_MODEL_NAMES) }).optional(),
  lambda: num,
  window: z.number().int().positive(),
  n: z.number().int().min(0),
  quantiles: z.object({ "80": z.number().min(0), "95": z.number().min(0), "99": z.number().min(0) }),
  alpha: z.object({ "80": num, "95": num, "99": num }).optional(),
  shockFactor: z.number().positive().optional(),
  shockSlope: z.number().optional(),
  eventMultiplier: z.number().min(1).optional(),
  eventSource: z.enum(["filed", "inferred"]).optional(),
  filedDays: z.array(date).optional(),
});

export const artifactSchema = z
  .object({
    schema: z.literal(ARTIFACT_SCHEMA),
    model: modelName,
    version: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/),
    symbol: canonicalSymbolSchema,
    trainedAt: z.iso.datetime(),
    trainingWindow: z.object({ from: date, to: date, n: z.number().int().positive() }),
    hyperparameters: z.record(z.string(), z.unknown()),
    features: z.array(z.string()),
    metrics: z.partialRecord(horizonKey, metricsSchema),
    calibration: z.partialRecord(horizonKey, calibrationSchema),
    backtest: z.object({ firstOrigin: z.string(), lastOrigin: z.string(), fits: z.number().int().min(0), refitEvery: z.number().int().min(1), fitMs: num, predictMs: num }),
    fitMs: num,
    libraryVersions: z.record(z.string(), z.string()),
    state: z.object({ name: modelName, format: z.number().int(), hyperparameters: z.record(z.string(), z.unknown()), params: z.unknown() }),
  })
  .refine((a) => a.state.name === a.model, { message: "state.name must equal model", path: ["state", "name"] });

/** JSON text; NaN metrics become null, typed arrays must already be encoded by the model's toState(). */
export function serializeArtifact(a: ModelArtifact): string {
  return JSON.stringify(a, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v));
}

export function parseArtifact(input: string | unknown): ModelArtifact {
  let raw = input;
  if (typeof input === "string") {
    try {
      raw = JSON.parse(input);
    } catch (e) {
      throw new Error(`Model artifact is not valid JSON: ${(e as Error).message}`);
    }
  }
  const r = artifactSchema.safeParse(raw);
  if (!r.success) {
    const lines = r.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new Error(`Invalid model artifact: ${lines.join("; ")}`);
  }
  return r.data as ModelArtifact;
}

export interface LoadedArtifact {
  artifact: ModelArtifact;
  model: FittedModel;
}

/** Rebuilds the fitted model from the artifact's state (no refit). `specs` is the registry list. */
export async function loadArtifact(o: { artifact: ModelArtifact | string; specs: readonly ModelSpec[] }): Promise<LoadedArtifact> {
  const artifact = typeof o.artifact === "string" ? parseArtifact(o.artifact) : o.artifact;
  const spec = o.specs.find((s) => s.name === artifact.model);
  if (!spec) throw new Error(`Model "${artifact.model}" is not available in this build`);
  const model = await spec.load(artifact.state);
  return { artifact, model };
}

let versions: Record<string, string> | undefined;
/** Versions of the runtime and of the libraries models depend on, recorded in each artifact. */
export function libraryVersions(): Record<string, string> {
  if (versions) return versions;
  const out: Record<string, string> = { engine: ENGINE_VERSION, node: process.versions.node };
  for (const pkg of ["@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm", "zod"]) {
    try {
      const text = readFileSync(join(process.cwd(), "node_modules", pkg, "package.json"), "utf8");
      out[pkg] = String(JSON.parse(text).version);
    } catch {
      // Not installed where the process runs (e.g. a bundled deployment): the engine version still pins it.
    }
  }
  versions = out;
  return out;
}
