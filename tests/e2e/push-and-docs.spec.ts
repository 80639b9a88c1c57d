// /docs renders the API reference from the app's own assets (no request leaves the origin, the CSP is the
// site's and nothing is refused under it); /alerts creates, lists and removes an alert and refuses bad input
// in words; the account page's webhooks section refuses a private target, shows a new endpoint's signing
// secret once, and removes the endpoint.
import { expect, test } from "@playwright/test";
import { registerThroughForm } from "./support/register";

test("docs: the API reference renders from same-origin assets under the site's CSP", async ({ page, baseURL }) => {
  const origins = new Set<string>();
  page.on("request", (r) => origins.add(new URL(r.url()).origin));
  const refused: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
  });
  const res = await page.goto("/docs");
  expect(res?.status()).toBe(200);
  const home = await page.request.get("/");
  expect(res?.headers()["content-security-policy"]).toBe(home.headers()["content-security-policy"]);
  expect(res?.headers()["content-security-policy"]).toContain("script-src 'self' 'unsafe-inline'");

  // Scalar draws the document it fetched: the title and an operation's summary from operations.ts.
  await expect(page.getByRole("heading", { name: "Stock Hub API" }).first()).toBeVisible({ timeout: 30_000 });
  // Market data is the first group and opens expanded.
  await expect(page.getByRole("button", { name: "Market data Close Group" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Quote and about a month of closes HTTP Method: GET/ })).toBeVisible();
  expect([...origins].filter((o) => o.startsWith("http"))).toEqual([new URL(baseURL!).origin]);
  expect(refused).toEqual([]);
});

test("alerts: create one, see it listed, bad input explained, remove it", async ({ page }) => {
  await page.goto("/alerts");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Falerts/);
  await registerThroughForm(page, { callbackUrl: "/alerts", prefix: "al" });
  await expect(page).toHaveURL(/\/alerts$/);
  await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();
  // The e2e server serves the shipped historical set: the page must not call itself live, and says why nothing fires.
  await expect(page.getByTestId("alerts-live")).toHaveText(
    "Not live: this install shows the historical prices shipped with the app, and no new prices arrive, so no alert can fire until live market data is connected.",
  );
  await expect(page.getByTestId("alerts-live")).toHaveAttribute("data-data", "historical");

  const form = page.getByTestId("create-alert-form");
  await form.getByLabel("Symbol").fill("ZZZZZZ");
  await form.getByLabel("Price").fill("100");
  await form.getByRole("button", { name: "Add alert" }).click();
  // (Next's route announcer is an empty role="alert" too.)
  const refusal = page.getByRole("alert").filter({ hasText: /\S/ });
  await expect(refusal).toHaveText("Unknown symbol ZZZZZZ");
  await expect(page.getByTestId("alert-row")).toHaveCount(0);

  await form.getByLabel("Symbol").fill("AAPL");
  await form.getByLabel("Price").fill("200");
  await form.getByRole("button", { name: "Add alert" }).click();
  const row = page.getByTestId("alert-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("AAPL at or above 200");
  await expect(row).toContainText("on · never fired");
  await expect(row).toContainText("Tells you: in the app (the bell)");

  await form.getByLabel("When").selectOption("move_pct");
  await form.getByLabel("Symbol").fill("MSFT");
  await form.getByLabel("Percent").fill("3");
  await form.getByRole("button", { name: "Add alert" }).click();
  await expect(row).toHaveCount(2);
  await expect(page.getByTestId("alert-row").filter({ hasText: "MSFT moves 3% or more in a day" })).toHaveCount(1);

  // The list is the server's: it survives a reload; removing one leaves the other.
  await page.reload();
  await expect(page.getByTestId("alert-row")).toHaveCount(2);
  await page.getByTestId("alert-row").filter({ hasText: "AAPL" }).getByRole("button", { name: "Remove" }).click();
  await expect(page.getByTestId("alert-row")).toHaveCount(1);
  await expect(page.getByTestId("alert-row")).toContainText("MSFT");
  const api = await (await page.request.get("/api/alerts")).json();
  expect(api.alerts.map((a: { symbol: string; type: string; percent: number }) => [a.symbol, a.type, a.percent])).toEqual([["MSFT", "move_pct", 3]]);
});

test("account webhooks: a private target is refused, a new endpoint's secret is shown once, then it is removed", async ({ page }) => {
  await registerThroughForm(page, { callbackUrl: "/account", prefix: "wh" });
  await expect(page).toHaveURL(/\/account$/);
  const section = page.getByTestId("webhooks");
  const form = section.getByTestId("create-webhook-form");
  await expect(section.getByText("No webhooks yet.")).toBeVisible();

  await form.getByLabel("Endpoint URL").fill("https://127.0.0.1/hooks/stock-hub");
  await form.getByRole("button", { name: "Add webhook" }).click();
  await expect(section.getByRole("alert")).toHaveText("Webhook target 127.0.0.1 is a loopback or private address (loopback)");
  await expect(section.getByTestId("webhook-row")).toHaveCount(0);

  // An address the operator allowed (the suite's server lists TEST-NET-3 in WEBHOOK_ALLOWED_TARGETS: no DNS is
  // needed and nothing there answers); nothing is delivered until an event happens.
  const url = "https://203.0.113.10/hooks/stock-hub";
  await form.getByLabel("Endpoint URL").fill(url);
  await form.getByLabel("New forecasts").check();
  await form.getByRole("button", { name: "Add webhook" }).click();
  const secret = section.getByTestId("webhook-secret");
  await expect(secret).toContainText(`Signing secret for ${url}`);
  await expect(secret.locator("code")).toHaveText(/^whsec_[A-Za-z0-9+/=]{20,}$/);
  const row = section.getByTestId("webhook-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(url);
  await expect(row).toContainText("New forecasts, My alerts");
  const listed = await (await page.request.get("/api/webhooks")).json();
  expect(listed.webhooks.map((w: { url: string; events: string[]; enabled: boolean }) => [w.url, [...w.events].sort(), w.enabled])).toEqual([[url, ["alert.triggered", "prediction.updated"], true]]);
  expect(JSON.stringify(listed)).not.toContain("whsec_");

  // Shown once: after a reload the secret is gone from the page.
  await page.reload();
  await expect(section.getByTestId("webhook-row")).toHaveCount(1);
  await expect(section.getByTestId("webhook-secret")).toHaveCount(0);
  expect(await page.content()).not.toContain("whsec_");

  await section.getByTestId("webhook-row").getByRole("button", { name: "Remove" }).click();
  await expect(section.getByTestId("webhook-row")).toHaveCount(0);
  await expect(section.getByText("No webhooks yet.")).toBeVisible();
  expect((await (await page.request.get("/api/webhooks")).json()).webhooks).toEqual([]);
});
