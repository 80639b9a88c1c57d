import "server-only";
// What a forecast request reads, once, and hands down: the symbol's daily history (the forecast origin is its
// last bar) and the active versions of the configured models. The cache check, the forecast and its stage
// all work from these; nothing below loads them again.
import type { ModelName, ModelSpec } from "@/server/forecast/vocabulary";
import { loadHistory, type History } from "@/server/price-history";
import { activeVersions, servedModels, type VersionView } from "@/server/registry";

export interface PredictionInputs {
  history: History;
  /** Active versions of the configured models, in display order. */
  versions: VersionView[];
  /** The models this deployment serves (FORECAST_MODELS). */
  configured: ModelName[];
  /** The model list handed to the engine's serving. */
  specs: readonly ModelSpec[];
}

async function servable({ symbol }: { symbol: string }): Promise<Omit<PredictionInputs, "history">> {
  const { configured, specs } = servedModels();
  const allowed = new Set(configured);
  return { versions: (await activeVersions({ symbol })).filter((v) => allowed.has(v.model)), configured, specs };
}

/** Active versions of the configured models; naive first when present. */
export const servableVersions = async ({ symbol }: { symbol: string }): Promise<VersionView[]> => (await servable({ symbol })).versions;

export async function loadPredictionInputs({ symbol }: { symbol: string }): Promise<PredictionInputs> {
  const history = await loadHistory({ symbol });
  return { history, ...(await servable({ symbol: history.series.symbol })) };
}

/** The same history with the versions read again (after the baseline was trained for it). */
export async function withCurrentVersions(inputs: PredictionInputs): Promise<PredictionInputs> {
  return { history: inputs.history, ...(await servable({ symbol: inputs.history.series.symbol })) };
}
