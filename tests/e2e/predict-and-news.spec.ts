// /predict: sign in from the prompt, train an untrained symbol with real progress, compare models with the
// API's figures, the URL holds symbols and horizon, history of served forecasts; /news: the provider-less
// empty state and the filters. Desktop and a 375 px phone.
import { expect, test, type Page } from "@playwright/test";
import { registerThroughForm } from "./support/register";

const SYMBOL = "JNJ";

const register = (page: Page, callbackUrl: string) => registerThroughForm(page, { callbackUrl, prefix: "pr" });

const card = (page: Page, symbol: string) => page.locator(`[data-testid="predict-card"][data-symbol="${symbol}"]`);

test("predict: train from the page, compare models with the API's figures, share the view by URL", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(`/predict?symbols=${SYMBOL}`);
  await expect(page.getByTestId("predict-sign-in")).toBeVisible();
  await register(page, `/predict?symbols=${SYMBOL}&h=1d&days=90`);
  await expect(page).toHaveURL(new RegExp(`/predict\\?symbols=${SYMBOL}&h=1d&days=90$`));

  // Nothing is trained for the symbol and the visit did not start anything: a person asks.
  const c = card(page, SYMBOL);
  await expect(c).toHaveAttribute("data-status", "untrained");
  await c.getByRole("button", { name: `Train models for ${SYMBOL}` }).click();
  await expect(c.getByTestId("train-progress")).toBeVisible();
  await expect(c).toHaveAttribute("data-status", "ready", { timeout: 200_000 });

  const api = await (await page.request.get(`/api/predictions?symbols=${SYMBOL}`)).json();
  const served = api.predictions[0];
  expect(served.status).toBe("ready");
  const rows = c.getByTestId("forecast-row");
  expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-model")))).toEqual(served.models.map((m: { name: string }) => m.name));
  await expect(c.getByTestId("predict-provenance")).toContainText(`From the close of ${served.asOf}`);
  await expect(c.getByTestId("predict-provenance")).toContainText("historical data, not live");
  await expect(c.getByTestId("forecast-summary")).toContainText("95% range held");
  // Labels for people, never the internal model names.
  await expect(c.getByTestId("forecast-table")).not.toContainText("random_forest");

  // The horizon is in the URL; the table follows it.
  await page.getByRole("group", { name: "Forecast horizon" }).getByRole("link", { name: "1 week" }).click();
  await expect(page).toHaveURL(new RegExp(`h=1w`));
  await expect(c.getByTestId("forecast-table")).toHaveAttribute("data-horizon", "1w");
  const arima = served.models.find((m: { name: string }) => m.name === "arima").horizons["1w"];
  await expect(c.locator('[data-testid="forecast-row"][data-model="arima"] [data-testid="forecast-mae"]')).toHaveText(`${arima.backtest.mape.toFixed(2)}% (${arima.backtest.maeRatio.toFixed(3)}×)`);

  // History: the forecast just served is listed; its target session is beyond the historical data set.
  const history = c.getByTestId("predict-history");
  await expect(history.getByTestId("history-chart")).toBeVisible();
  await expect(history.getByTestId("history-summary")).toContainText("1 (0)");
  await expect(history.getByTestId("history-pending")).toContainText("no later close will arrive");

  // Search: no matches lists what is available; a match adds the symbol to the URL.
  const picker = page.getByTestId("symbol-picker");
  await picker.getByLabel("Add a symbol").fill("qqqzz");
  await picker.getByLabel("Add a symbol").press("Enter");
  await expect(picker.getByRole("status")).toContainText("No matches for “qqqzz”. Available:");
  await expect(picker.getByRole("status")).toContainText("AAPL");
  await picker.getByLabel("Add a symbol").fill("IBM");
  await picker.getByRole("option", { name: /IBM/ }).click();
  await expect(page).toHaveURL(new RegExp(`symbols=${SYMBOL},IBM&h=1w`));
  await expect(card(page, "IBM")).toBeVisible();

  // The API's CSV answers are a click away, and they are CSV.
  const csv = page.getByTestId("csv-links").getByRole("link", { name: "forecasts", exact: true });
  const csvRes = await page.request.get((await csv.getAttribute("href"))!);
  expect(csvRes.status()).toBe(200);
  expect(csvRes.headers()["content-type"]).toMatch(/^text\/csv/);
  expect((await csvRes.text()).split("\n")[0]).toMatch(/^symbol,/);

  // The shared URL opens the same view.
  const shared = page.url();
  await page.goto("/");
  await page.goto(shared);
  await expect(card(page, SYMBOL).getByTestId("forecast-table")).toHaveAttribute("data-horizon", "1w");
});

test("predict on a 375 px phone: the key columns fit without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await register(page, `/predict?symbols=${SYMBOL}&h=1d&days=90`);
  const c = card(page, SYMBOL);
  // Trained by the previous test on the same server; otherwise this still checks the untrained layout.
  await expect(c).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  if ((await c.getAttribute("data-status")) === "ready") {
    const table = c.getByTestId("forecast-table");
    for (const name of ["Model", "Forecast", "Error", "95% range held"]) await expect(table.getByRole("columnheader", { name })).toBeVisible();
    await expect(table.getByRole("columnheader", { name: "Days tested" })).toBeHidden();
    const box = await table.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
  }
});

test("news without a provider: an empty state written for people, and filters by symbol and sentiment", async ({ page }) => {
  await page.goto("/news");
  await expect(page.getByRole("heading", { name: "News", exact: true })).toBeVisible();
  await expect(page.getByTestId("news-no-provider")).toContainText("News needs a connected news service");
  expect(await page.locator("body").innerText()).not.toMatch(/[A-Z]+_API_KEY|[A-Z]{3,}_[A-Z]{3,}/);
  // The way to connect one is a page the app serves itself (works offline), also without setting names.
  await page.getByTestId("news-no-provider").getByRole("link", { name: "how to connect a news service" }).click();
  await expect(page).toHaveURL(/\/help\/news$/);
  await expect(page.getByTestId("news-help")).toContainText("Get an API key from Finnhub or Alpha Vantage");
  expect(await page.locator("body").innerText()).not.toMatch(/[A-Z]+_API_KEY|[A-Z]{3,}_[A-Z]{3,}/);
  await page.getByRole("link", { name: "Back to News" }).click();
  // Nothing to filter without a news service: no filters above an empty list, the reason comes first.
  await expect(page.getByTestId("news-filters")).toHaveCount(0);
  await expect(page.getByTestId("news-empty")).toContainText("No news on this site right now.");
  await page.goto("/news?symbol=AAPL&sentiment=gloomy");
  await expect(page.getByTestId("news-empty")).toContainText("No news for AAPL on this site right now.");
  await expect(page.getByTestId("url-corrections")).toHaveText('Sentiment "gloomy" is not a filter; showing any sentiment (choose bullish, neutral or bearish).');
  await page.getByTestId("news-empty").getByRole("link", { name: "AAPL’s chart" }).click();
  await expect(page).toHaveURL(/\/stock\/AAPL$/);
});

test("an address asking for what a page does not offer is corrected with a visible note", async ({ page }) => {
  await register(page, "/predict?symbols=AAPL&h=2w&days=180");
  const notes = page.getByTestId("url-corrections");
  await expect(notes).toContainText('Horizon "2w" is not offered; showing 1 trading day');
  await expect(notes).toContainText('A history window of "180" days is not offered; showing 90 days (choose 30, 90, 365).');
  await expect(page.getByRole("group", { name: "History window" }).getByRole("link", { name: "90 days" })).toHaveAttribute("aria-current", "true");
  await page.goto("/stock/AAPL?range=7Y");
  await expect(page.getByTestId("url-corrections")).toContainText('Chart range "7Y" is not offered; showing 3M');
  await expect(page.getByTestId("price-chart")).toHaveAttribute("data-range", "3M");
  // Valid addresses get no note.
  await page.goto("/predict?symbols=AAPL&h=1w&days=30");
  await expect(page.getByTestId("url-corrections")).toHaveCount(0);
});

test("the navigation reaches alerts and the API reference", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Alerts" })).toHaveAttribute("href", "/alerts");
  await expect(nav.getByRole("link", { name: "API" })).toHaveAttribute("href", "/docs");
  await nav.getByRole("link", { name: "Alerts" }).click();
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Falerts&reason=alerts$/);
});

test("news on a 375 px phone fits without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto("/news?symbol=MSFT");
  await expect(page.getByTestId("news-empty")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});
