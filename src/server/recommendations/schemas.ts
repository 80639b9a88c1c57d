// Response schemas of GET /api/recommendations and /api/recommendations/{symbol}: the OpenAPI document renders
// them and the types are derived from them. ReliabilityBin (direction-calibration.ts) is the engine's.
import { z } from "zod";
import { HORIZON_KEYS } from "@/server/forecast/vocabulary";
import { modelName } from "@/server/registry";
import type { ReliabilityBin } from "@/server/forecast";

const iso = z.string().meta({ description: "ISO 8601 date or timestamp" });
const day = z.string().meta({ description: "Session date, YYYY-MM-DD" });
const num = z.number().nullable();
const pair = z.tuple([z.number(), z.number()]);
const horizonKey = z.enum(HORIZON_KEYS).meta({ description: "1d = 1 trading day, 2d = 2 trading days, 1w = 5 trading days" });

const reliabilityBin = z.object({ from: z.number(), to: z.number(), n: z.number().int(), meanStated: num, observedUp: num });
// The calibration's bins and the documented ones are the same fields of the same types, both ways.
export const reliabilityBinMatch: [ReliabilityBin, z.output<typeof reliabilityBin>] extends [z.output<typeof reliabilityBin>, ReliabilityBin] ? true : false = true;
const signal = z.enum(["no_edge", "up", "down"]).meta({ description: "no_edge unless the direction skill is significant after the multiple-testing correction" });
const factor = z.object({ name: z.string(), label: z.string(), value: num });
const horizonRecommendation = z.object({
  horizon: horizonKey,
  steps: z.number().int(),
  targetDate: day,
  signal,
  probabilityUp: num,
  skill: z.object({ hitRate: z.number(), alwaysUpRate: z.number(), disagreements: z.number().int(), wins: z.number().int(), pValue: z.number(), adjustedPValue: num }).nullable(),
  levels: z.object({ entry: z.number(), target: z.number(), stop: z.number() }).nullable(),
  range80: pair.nullable(),
  range95: pair.nullable(),
  confidence: z.object({ brier: z.number(), brierBaseline: z.number(), n: z.number().int(), reliability: z.array(reliabilityBin) }).nullable(),
  factors: z.array(factor),
  reason: z.string(),
});
const symbolRecommendation = z
  .discriminatedUnion("status", [
    z.object({ symbol: z.string(), status: z.literal("ready"), asOf: day, source: z.string(), historical: z.boolean(), lastClose: z.number(), model: modelName, version: z.string(), horizons: z.array(horizonRecommendation) }),
    z.object({ symbol: z.string(), status: z.enum(["untrained", "error"]), reason: z.string() }),
  ])
  .meta({ id: "Recommendation" });
const recommendationsFields = {
  generatedAt: iso,
  disclaimer: z.string(),
  correction: z.object({ method: z.literal("benjamini-hochberg"), tests: z.number().int(), alpha: z.number() }),
  recommendations: z.array(symbolRecommendation),
};
export const recommendationsSchema = z.object(recommendationsFields);
export const recommendationSchema = z.object({ ...recommendationsFields, recommendation: symbolRecommendation });

export type Signal = z.output<typeof signal>;
export type Factor = z.output<typeof factor>;
export type HorizonRecommendation = z.output<typeof horizonRecommendation>;
export type SymbolRecommendation = z.output<typeof symbolRecommendation>;
export type RecommendationsResponse = z.output<typeof recommendationsSchema>;
