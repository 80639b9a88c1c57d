// What makes the interactive reference (/docs) usable as shipped: the group order and descriptions, and an
// example for every path and query parameter, so "Send" goes out with a value the running app answers.
// Tag names avoid "Models" and "Webhooks": Scalar shows its own sections under those names (component
// schemas and the webhooks map), so groups named that way appeared twice.

/** Groups in reading order: market endpoints first, admin last. */
export const TAGS = [
  { name: "Market data", description: "Symbols, quotes, charts, company facts and news, each with its source and as-of date" },
  { name: "Predictions", description: "Multi-model forecasts with intervals, scores and the recorded track record" },
  { name: "Streams", description: "Server-sent events: live quotes, forecast updates, alerts" },
  { name: "Forecast models", description: "Model status, training and rollback" },
  { name: "Watchlists", description: "The caller's own named lists of symbols" },
  { name: "Portfolios", description: "The caller's portfolios: holdings from transactions, gains, sector mix, a benchmark, and the forecast of their risk with its backtest" },
  { name: "Alerts", description: "The caller's price and forecast alerts" },
  { name: "Webhook endpoints", description: "Signed event deliveries to the caller's own URLs" },
  { name: "Accounts", description: "Registration, sign-in, refresh tokens, password and email changes, export, deletion and API keys" },
  { name: "Jobs", description: "Background work (training, precompute) and its progress" },
  { name: "Status", description: "Liveness, dependency health and performance" },
  { name: "Admin", description: "Operator endpoints (admin key or admin user)" },
] as const;

const BY_NAME: Record<string, string | number> = {
  symbol: "AAPL",
  symbols: "AAPL,MSFT",
  q: "apple",
  limit: 5,
  days: 30,
  model: "ensemble",
  horizon: "1d",
  format: "json",
  range: "1M",
  login: "demo@example.com",
  lastEventId: "0",
  nextauth: "session",
};
// Ids are per installation: the example has the right shape (so validation passes) and the answer is a 404.
const ID_EXAMPLE = "c0000000000000000000000000";

type Parameter = { name: string; in: string; example?: unknown; schema?: { example?: unknown; examples?: unknown[] } };
type Document = { paths?: Record<string, Record<string, { parameters?: Parameter[] }> | undefined> };

/** Gives every path and query parameter without one an example (in place). */
export function addParameterExamples<T extends Document>(doc: T): T {
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item ?? {})) {
      for (const p of op.parameters ?? []) {
        if ((p.in !== "path" && p.in !== "query") || p.example !== undefined) continue;
        const example = p.schema?.example ?? p.schema?.examples?.[0] ?? BY_NAME[p.name] ?? (p.name === "id" ? ID_EXAMPLE : undefined);
        if (example !== undefined) p.example = example;
      }
    }
  }
  return doc;
}
