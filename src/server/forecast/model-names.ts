// The forecast models' names (vocabulary: imports nothing), in display order. Each name is one spec in
// model-list.ts, which checks at compile time that its specs carry exactly these names.
export const MODEL_NAMES = ["naive", "drift", "arima", "random_forest", "gbt", "lstm", "prophet", "ensemble"] as const;
export type ModelName = (typeof MODEL_NAMES)[number];
