// Response schema of GET /api/predictions/cross-section: the OpenAPI document renders it and CrossSectionView is
// derived from it. RpsSummary is the engine's (forecast/cross-section/summary.ts); the check keeps the two in step.
import { z } from "zod";
import type { RpsSummary } from "@/server/forecast";

const num = z.number().nullable();
const day = z.string().meta({ description: "Session date, YYYY-MM-DD" });

const rpsSummary = z
  .object({
    weeks: z.number().int(),
    from: day.nullable(),
    to: day.nullable(),
    rps: num.meta({ description: "Mean ranked probability score over the scored weeks (lower is better)" }),
    uniform: num.meta({ description: "The uniform forecast's (0.2 per quintile) on the same weeks: 0.16" }),
    difference: num.meta({ description: "rps - uniform: below 0 is better than uniform" }),
    standardError: num,
    band: z.tuple([z.number(), z.number()]).nullable().meta({ description: "95% moving-block bootstrap band of the difference (blocks of 4 weeks)" }),
    edge: z.boolean().meta({ description: "true only when the whole band is below 0" }),
  })
  .meta({ id: "RpsSummary" });
// The engine's summary and the documented one are the same fields of the same types, both ways.
export const rpsSummaryMatch: [RpsSummary, z.output<typeof rpsSummary>] extends [z.output<typeof rpsSummary>, RpsSummary] ? true : false = true;

export const crossSectionSchema = z
  .object({
    asOf: day.meta({ description: "The origin: the last session every symbol has" }),
    source: z.string(),
    horizonSessions: z.number().int(),
    benchmark: z.number(),
    verdict: z.enum(["edge", "no_edge"]).meta({ description: "no_edge unless the measured RPS beats the uniform forecast beyond its noise band" }),
    method: z.object({
      id: z.string(),
      label: z.string(),
      chosenOn: z.object({ from: day, to: day, weeks: z.number().int(), rps: z.record(z.string(), z.number()), uniform: z.number() }).meta({ description: "The development weeks the variant was chosen on (mean RPS of each variant there)" }),
    }),
    measured: rpsSummary.meta({ description: "The chosen variant on the scored (held-out) weeks" }),
    variants: z.record(z.string(), rpsSummary),
    symbols: z.array(z.object({ symbol: z.string(), probabilities: z.array(z.number()).length(5).meta({ description: "Quintile 1 (lowest return) .. 5 (highest)" }) })),
    computedAt: z.string(),
  })
  .meta({
    id: "CrossSection",
    example: {
      asOf: "2024-03-08",
      source: "shipped",
      horizonSessions: 5,
      benchmark: 0.16,
      verdict: "no_edge",
      method: { id: "har-joint", label: "log-HAR range volatility, past weeks drawn for all symbols together", chosenOn: { from: "2020-03-06", to: "2022-03-04", weeks: 104, rps: { "har-joint": 0.159 }, uniform: 0.16 } },
      measured: { weeks: 104, from: "2022-03-04", to: "2024-03-08", rps: 0.1598, uniform: 0.16, difference: -0.0002, standardError: 0.0004, band: [-0.001, 0.0006], edge: false },
      variants: {},
      symbols: [{ symbol: "TSLA", probabilities: [0.27, 0.16, 0.12, 0.17, 0.28] }],
      computedAt: "2026-12-07T02:30:00.000Z",
    },
  });

export type CrossSectionView = z.output<typeof crossSectionSchema>;
