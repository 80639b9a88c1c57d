// Compiled by tests/integration/api/api-client.test.ts with the client's own tsconfig: the generated types
// are specific (a wrong path, parameter or field is a type error), not `any`.
import { createStockHubClient, type Schemas } from "../../packages/api-client/index";

export async function typedUsage(): Promise<string[]> {
  const api = createStockHubClient({ baseUrl: "http://127.0.0.1:3000", apiKey: "sk_example" });
  const quote = await api.GET("/api/stock/{symbol}", { params: { path: { symbol: "AAPL" } } });
  const price: number | undefined = quote.data?.price;
  const lists = await api.GET("/api/watchlists");
  const names: string[] = (lists.data?.watchlists ?? []).map((w: Schemas["Watchlist"]) => w.name);
  const created = await api.POST("/api/alerts", { body: { symbol: "AAPL", type: "above", price: 190 } });
  const errorCode: Schemas["Error"]["error"]["code"] | undefined = created.error?.error.code;
  // A route with a CSV variant: the JSON body by default, the text with parseAs.
  const history = await api.GET("/api/predictions/{symbol}/history", { params: { path: { symbol: "AAPL" } } });
  const rows: number | undefined = history.data?.rows.length;
  const csv = await api.GET("/api/predictions/{symbol}/history", { params: { path: { symbol: "AAPL" }, query: { format: "csv" } }, parseAs: "text" });
  const csvText: string | undefined = csv.data;

  // @ts-expect-error an unknown path
  await api.GET("/api/no-such-route");
  // @ts-expect-error the path parameter is required
  await api.GET("/api/stock/{symbol}", { params: { path: {} } });
  // @ts-expect-error an alert above a price needs the price
  await api.POST("/api/alerts", { body: { symbol: "AAPL", type: "above" } });
  // @ts-expect-error a quote has no such field
  void quote.data?.no_such_field;
  return [String(price), ...names, String(errorCode), String(rows), String(csvText)];
}
