// One label per model for every table, chart legend and selector (never the internal names).
export const MODEL_LABELS: Record<string, string> = {
  naive: "Naive (last close)",
  drift: "Drift",
  arima: "ARIMA",
  random_forest: "Random forest",
  gbt: "Gradient-boosted trees",
  lstm: "LSTM",
  prophet: "Prophet-style",
  ensemble: "Ensemble",
};

export const modelLabel = (name: string): string => MODEL_LABELS[name] ?? name;
