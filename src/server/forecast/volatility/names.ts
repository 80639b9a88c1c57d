// The volatility models' names and labels (vocabulary: imports nothing). The models themselves: models.ts.

export const VOL_MODEL_NAMES = ["ewma", "garch", "gjr", "har", "harj"] as const;
export type VolModelName = (typeof VOL_MODEL_NAMES)[number];

export const VOL_MODEL_LABELS: Record<VolModelName, string> = {
  ewma: "EWMA of close-to-close returns (reference)",
  garch: "GARCH(1,1)",
  gjr: "GJR-GARCH(1,1)",
  har: "log-HAR on Garman–Klass variance with a market term",
  harj: "log-HAR on Garman–Klass variance with an overnight-gap term and a market term",
};
