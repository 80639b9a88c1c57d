// The e2e suite's REST calls go through the typed client (packages/api-client), so the generated client is
// exercised against the running app: a fresh account and an API key made through the real API.
import { randomBytes } from "node:crypto";
import { createStockHubClient, type StockHubClient } from "../../../packages/api-client/index";

/** Fails with the API's own error message when a call did not succeed. */
export function ok<T>(r: { data?: T; error?: unknown; response: Response }): T {
  if (r.data === undefined) throw new Error(`${r.response.url} answered ${r.response.status}: ${JSON.stringify(r.error)}`);
  return r.data;
}

export async function registerThroughApi(baseUrl: string, prefix: string): Promise<{ username: string; token: string; api: StockHubClient }> {
  const username = `e2e_${prefix}_${randomBytes(4).toString("hex")}`;
  const anon = createStockHubClient({ baseUrl });
  const body = { email: `${username}@example.com`, username, password: `amber-teapot-${randomBytes(3).toString("hex")}` };
  const { access_token: token } = ok(await anon.POST("/api/auth/register", { body }));
  return { username, token, api: createStockHubClient({ baseUrl, token }) };
}

/** A new account's API key, created through POST /api/keys. */
export async function apiKeyThroughApi(baseUrl: string, prefix: string): Promise<{ key: string; keyId: string; username: string }> {
  const { api, username } = await registerThroughApi(baseUrl, prefix);
  const created = ok(await api.POST("/api/keys", { body: { name: `${prefix} e2e` } }));
  return { key: created.key, keyId: created.apiKey.id, username };
}
