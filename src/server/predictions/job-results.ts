// The results of the jobs that make a symbol's forecast, which the stock page polls (GET /api/jobs/{id}): a
// forecast job (FORECAST_EVENT) holds the Prediction, a warm-up (WARM_EVENT) the Prediction plus what the
// warm-up did, or only that when a person's own job trains the symbol. While either runs, its result is the
// forecast of the models trained so far. The job catalog imports no other area, so these are named here; the
// handlers (src/handlers) are typed by them, so a result that strays from its schema does not compile.
import { z } from "zod";
import type { JobView } from "@/lib/queue";
import { predictionSchema } from "./schemas";

/** What a warm-up did (checked, trained or skipped, and the next symbol's job). */
const warmSchema = z.record(z.string(), z.unknown());

export const forecastJobResultSchema = predictionSchema;
export const warmJobResultSchema = z.union([predictionSchema.extend({ warm: warmSchema }), z.object({ symbol: z.string(), warm: warmSchema })]);

export type ForecastJobResult = z.output<typeof forecastJobResultSchema>;
export type WarmJobResult = z.output<typeof warmJobResultSchema>;
/** The forecast so far, while a forecast job or a warm-up trains. */
export type PartialForecast = ForecastJobResult;

/** A forecast job or warm-up as GET /api/jobs/{id} answers it: its result is one of the two (null before any). */
export type ForecastJobView = JobView<ForecastJobResult | WarmJobResult>;
