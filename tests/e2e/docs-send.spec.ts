// The API reference works as shipped: on /docs, opening "Quote and about a month of closes" and pressing
// Scalar's Test Request, then Send, calls GET /api/stock/AAPL (the documented example) and shows a 200.
import { expect, test } from "@playwright/test";

test("docs: Send on GET /api/stock/{symbol} gets a 200 from the running app", async ({ page }, testInfo) => {
  await page.goto("/docs");
  const operation = page.getByRole("button", { name: /^Quote and about a month of closes HTTP Method: GET/ });
  await expect(operation).toBeVisible({ timeout: 30_000 });
  await operation.click();
  const testRequest = page.getByRole("button", { name: /Test Request.*\/api\/stock\/\{symbol\}/ });
  await expect(testRequest).toBeVisible();
  await testRequest.click();

  const client = page.getByRole("dialog", { name: "API Client" });
  await expect(client).toBeVisible();
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/stock/AAPL");
  await client.getByRole("button", { name: /^Send get request to .*\/api\/stock\/\{symbol\}$/i }).click();
  const res = await answered;
  expect(res.status()).toBe(200);
  expect((await res.json()).symbol).toBe("AAPL");
  // Scalar shows the status it got, and the body.
  const response = client.getByRole("region", { name: "Response", exact: true });
  await expect(response.getByRole("link", { name: "200 OK" })).toBeVisible();
  await expect(response).toContainText('"symbol": "AAPL"');
  await page.screenshot({ path: testInfo.outputPath("docs-send.png") });
});
