// Stock Hub's typed API client: openapi-fetch over the types openapi-typescript generates from the app's
// OpenAPI document (schema.ts, `npm run client:generate`). Paths, parameters, bodies and answers are typed:
//   const api = createStockHubClient({ baseUrl: "https://your-stock-hub.example", apiKey: "sk_..." });
//   const { data, error } = await api.GET("/api/stock/{symbol}", { params: { path: { symbol: "AAPL" } } });
import createClient, { type Client, type ClientOptions } from "openapi-fetch";
import type { components, paths } from "./schema";

export type { components, operations, paths } from "./schema";
/** The document's named schemas, e.g. `Schemas["Error"]`, `Schemas["Watchlist"]`. */
export type Schemas = components["schemas"];
/** Answers typed as their JSON body; a route's CSV variant (`?format=csv`) is read with `parseAs: "text"`. */
export type StockHubClient = Client<paths, "application/json">;

export interface StockHubClientOptions extends Omit<ClientOptions, "baseUrl" | "headers"> {
  /** The app's origin, e.g. "https://your-stock-hub.example" (the paths start with /api). */
  baseUrl: string;
  /** An API key from the account page (sent as X-API-Key). */
  apiKey?: string;
  /** An access token from POST /api/auth/login or /api/auth/register (sent as a bearer token). */
  token?: string;
  headers?: Record<string, string>;
}

export function createStockHubClient({ baseUrl, apiKey, token, headers = {}, ...options }: StockHubClientOptions): StockHubClient {
  const auth: Record<string, string> = {};
  if (apiKey) auth["X-API-Key"] = apiKey;
  if (token) auth.Authorization = `Bearer ${token}`;
  return createClient<paths, "application/json">({ ...options, baseUrl: baseUrl.replace(/\/+$/, ""), headers: { ...auth, ...headers } });
}
