// The stock page's forecast: anonymous visitors get the sign-in prompt; a new user's first visit to an
// untrained symbol shows its calibrated baseline at once and creates no job, and offers a button, which queues
// the training of the other models (progress in words, focused and announced, cancel button), then the table
// of every configured model x horizon shows the same figures GET /api/predictions returns; a reload is served
// from the cache or the trained artifacts without a new job; a page opened while its symbol trains follows
// that job.
import { randomBytes } from "node:crypto";
import { expect, test, type Page, type Response } from "@playwright/test";
import { E2E_FORECAST_MODELS } from "../../playwright.config";
import { registerThroughForm } from "./support/register";

const SYMBOL = "MSFT";
const API = `/api/predictions/${SYMBOL}`;
const HORIZON_TABS = { "1d": "1 trading day", "2d": "2 trading days", "1w": "1 week (5 trading days)" } as const;
type Horizon = keyof typeof HORIZON_TABS;

// The table's own formatting (src/components/forecast/forecast-table.tsx, src/components/lib/format.ts).
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const money = (x: number) => usd.format(x);
const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

interface ApiHorizon {
  price: number;
  changePercent: number;
  targetDate: string;
  intervals: Record<"80" | "95" | "99", [number, number]> | null;
  backtest: {
    mae: number | null;
    mape: number | null;
    maeRatio: number | null;
    coverage80: number | null;
    coverage95: number | null;
    winkler95: number | null;
    width95: number | null;
    origins: number;
    directionAccuracy: number | null;
    callRate: number | null;
    directionHitRate: number | null;
  } | null;
}
interface ApiResult {
  symbol: string;
  asOf: string;
  lastClose: number;
  baseline: string;
  models: { name: string; horizons: Partial<Record<Horizon, ApiHorizon>> }[];
}

const isPrediction = (r: Response) => new URL(r.url()).pathname === API && r.request().method() === "GET";
const isAsk = (r: Response) => new URL(r.url()).pathname === API && r.request().method() === "POST";
/** Models the baseline trains on a first read; the button trains the rest. */
const BASELINE = ["naive", "drift"];
const PROGRESS_LINE =
  /^\d{1,3}% · (Waiting for a training thread|Starting|Loading data|Waiting for (background training|another person's training)( of [A-Z]+)? \(about \d+ s\), then yours|Waiting for this training's [A-Za-z ,-]+ to finish \(about \d+ s\), then the next model|Training model (\d) of (\d): [A-Za-z -]+ \((about \d+ s left|done)\)|[A-Za-z -]+ ready \(\d of \d\)|Predicting)$/;

/** What the table shows for one model at the selected horizon. */
async function rowTexts(page: Page, model: string) {
  const row = page.locator(`[data-testid="forecast-row"][data-model="${model}"]`);
  const text = async (id: string) => (await row.getByTestId(id).innerText()).replace(/\s+/g, " ").trim();
  return {
    price: await text("forecast-price"),
    interval95: await text("forecast-interval95"),
    mae: await text("forecast-mae"),
    coverage95: await text("forecast-coverage95"),
    score: await text("forecast-score"),
    width95: await text("forecast-width95"),
    origins: await text("forecast-origins"),
  };
}

/** Every horizon's table, as text, after checking it lists exactly the API's models in its order. */
async function readTables(page: Page, api: ApiResult) {
  const out: Record<string, Record<string, Awaited<ReturnType<typeof rowTexts>>>> = {};
  const section = page.getByTestId("forecast-section");
  // The table sits behind "How the models compare".
  const disclosure = section.getByTestId("model-comparison");
  if ((await disclosure.getAttribute("open")) === null) await disclosure.locator("summary").click();
  await expect(disclosure).toHaveAttribute("open", "");
  for (const [h, label] of Object.entries(HORIZON_TABS)) {
    await section.getByRole("tab", { name: label, exact: true }).click();
    await expect(section.getByRole("tab", { name: label, exact: true })).toHaveAttribute("aria-selected", "true");
    const table = page.getByTestId("forecast-table");
    await expect(table).toHaveAttribute("data-horizon", h);
    const rows = table.getByTestId("forecast-row");
    await expect(rows).toHaveCount(api.models.length);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-model")))).toEqual(api.models.map((m) => m.name));
    out[h] = {};
    for (const m of api.models) out[h][m.name] = await rowTexts(page, m.name);
  }
  return out;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const inWords = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};

/**
 * The sentence at the top of the page, per horizon, carries the API's numbers for the model with the lowest
 * 95% range score (the naive baseline unless a model scores strictly lower).
 */
async function expectHeadlineEqualsApi(page: Page, api: ApiResult) {
  const headline = page.getByTestId("forecast-headline");
  await expect(headline).toHaveAttribute("data-as-of", api.asOf);
  // Above the chart: the first thing after the stock's name and price.
  const headlineTop = (await headline.boundingBox())!.y;
  expect(headlineTop).toBeLessThan((await page.getByTestId("price-chart").boundingBox())!.y);
  for (const h of Object.keys(HORIZON_TABS) as Horizon[]) {
    const scored = api.models.filter((m) => m.horizons[h]?.backtest?.winkler95 != null);
    const naive = scored.find((m) => m.name === api.baseline)!;
    const best = scored.reduce((a, b) => (b.horizons[h]!.backtest!.winkler95! < a.horizons[h]!.backtest!.winkler95! ? b : a), naive);
    const f = best.horizons[h]!;
    const line = headline.locator(`[data-testid="headline-line"][data-horizon="${h}"]`);
    await expect(line).toHaveAttribute("data-model", best.name);
    const [lo80, hi80] = f.intervals!["80"];
    const [lo95, hi95] = f.intervals!["95"];
    await expect(line.getByTestId("headline-sentence")).toHaveText(
      `Most likely near ${money(f.price)} on ${inWords(f.targetDate)}; 80% chance between ${money(lo80)} and ${money(hi80)}, 95% chance between ${money(lo95)} and ${money(hi95)}.`,
    );
    const b = f.backtest!;
    await expect(line.getByTestId("headline-held")).toHaveText(
      `In the backtest such ranges held ${Math.round(b.coverage80! * 100)}% (80% range) and ${Math.round(b.coverage95! * 100)}% (95% range) of the time, over ${b.origins} held-out days.`,
    );
  }
}

/** Direction: the hit rate among the calls a model made, and how often it called, both from the API. */
async function expectDirectionFromApi(page: Page, api: ApiResult) {
  await page.getByTestId("forecast-section").getByRole("tab", { name: HORIZON_TABS["1d"], exact: true }).click();
  for (const m of api.models.filter((x) => x.name !== api.baseline)) {
    const b = m.horizons["1d"]!.backtest!;
    const cell = page.locator(`[data-testid="forecast-row"][data-model="${m.name}"] [data-testid="forecast-direction"]`);
    if (!b.callRate) {
      await expect(cell).toHaveText("never called");
      continue;
    }
    expect(b.directionHitRate!, m.name).toBeCloseTo(b.directionAccuracy! / b.callRate, 9);
    await expect(cell.getByTestId("direction-hit-rate")).toHaveText(percent(b.directionHitRate!));
    await expect(cell.getByTestId("direction-call-rate")).toContainText(`called ${(b.callRate * 100).toFixed(0)}% of days`);
  }
  await expect(page.locator(`[data-testid="forecast-row"][data-model="${api.baseline}"] [data-testid="forecast-direction"]`)).toHaveText("makes no call");
}

test("an anonymous visitor sees the sign-in prompt instead of forecasts, and the API refuses them", async ({ page, request }) => {
  await page.goto(`/stock/${SYMBOL}`);
  const section = page.getByTestId("forecast-section");
  await expect(section.getByRole("heading", { name: "Forecast" })).toBeVisible();
  const prompt = section.getByRole("link", { name: "Sign in to see forecasts" });
  await expect(prompt).toBeVisible();
  await expect(prompt).toHaveAttribute("href", `/login?callbackUrl=${encodeURIComponent(`/stock/${SYMBOL}`)}`);
  await expect(section.getByTestId("forecast-table")).toHaveCount(0);
  await expect(section.getByTestId("forecast-progress")).toHaveCount(0);

  const res = await request.get(API);
  expect(res.status()).toBe(401);
  expect((await res.json()).error.code).toBe("unauthorized");
});

test("a new user's first visit shows the calibrated baseline and creates no job; the button trains the other models with progress in words, they appear as they finish; a reload needs no job", async ({ page }) => {
  test.setTimeout(180_000);
  const username = `e2e_fc_${randomBytes(4).toString("hex")}`;
  const password = `violet-kettle-${randomBytes(3).toString("hex")}`;

  // From the prompt to the login page, on to registration (which signs in) and back to the stock page.
  await page.goto(`/stock/${SYMBOL}`);
  await page.getByTestId("forecast-section").getByRole("link", { name: "Sign in to see forecasts" }).click();
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fstock%2FMSFT$/);
  await page.getByTestId("login-form").getByRole("link", { name: /create|register|sign up/i }).click();
  await expect(page).toHaveURL(/\/register\?callbackUrl=%2Fstock%2FMSFT$/);
  const form = page.getByTestId("register-form");
  await form.locator('input[name="email"]').fill(`${username}@example.com`);
  await form.locator('input[name="username"]').fill(username);
  await form.locator('input[name="password"]').fill(password);
  await form.locator('input[name="confirm"]').fill(password);
  const asked: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === API && r.method() === "POST") asked.push(r.url());
  });
  const firstRead = page.waitForResponse(isPrediction, { timeout: 60_000 });
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(new RegExp(`/stock/${SYMBOL}$`));
  await expect(page.getByTestId("signed-in-user")).toContainText(username);

  // The e2e server starts with an empty data folder, so nothing is trained for MSFT yet: the visit reads the
  // forecast, which is the calibrated baseline (no job), and offers a button with an estimate.
  const read = await firstRead;
  expect(read.status()).toBe(200);
  const baseline = await read.json();
  expect(baseline).toMatchObject({ symbol: SYMBOL, stage: "baseline", training: null });
  expect(baseline.models.map((m: { name: string }) => m.name)).toEqual(BASELINE);
  const section = page.getByTestId("forecast-section");
  await expect(section.getByTestId("forecast-result")).toHaveAttribute("data-stage", "baseline");
  await expect(section.getByTestId("forecast-row")).toHaveCount(BASELINE.length);
  const trainButton = section.getByRole("button", { name: new RegExp(`^Train models for ${SYMBOL} \\(about \\d+ s\\)$`) });
  await expect(trainButton).toBeVisible();
  expect(asked).toEqual([]);
  const askResponse = page.waitForResponse(isAsk, { timeout: 30_000 });
  const started = Date.now();
  await trainButton.click();
  const first = await askResponse;
  expect(first.status()).toBe(202);
  const queued = await first.json();
  expect(queued.job_id).toEqual(expect.any(String));
  const progress = section.getByTestId("forecast-progress");
  // The result is in: the headline and "How the models compare" (the table behind it) are on the page.
  const comparison = section.getByTestId("model-comparison");
  // Focus moves to the progress (the button is gone); the bar has a name; the line is a polite live region.
  await expect(progress).toBeFocused();
  await expect(section.getByRole("progressbar", { name: `Training progress for ${SYMBOL}` })).toBeVisible();
  await expect(section.getByTestId("forecast-progress-text")).toHaveAttribute("aria-live", "polite");
  // Until every model is in, record what the progress line says on every check (read atomically in the
  // page: the line can go away between two locator calls), and how many models the table shows.
  const statuses: string[] = [];
  const shownCounts: number[] = [];
  await expect
    .poll(
      async () => {
        const now = await page.evaluate(() => ({
          stage: document.querySelector('[data-testid="forecast-result"]')?.getAttribute("data-stage") ?? null,
          rows: document.querySelectorAll('[data-testid="forecast-row"]').length,
          status: document.querySelector('[data-testid="forecast-progress-text"]')?.textContent?.trim() ?? null,
        }));
        if (now.status && statuses.at(-1) !== now.status) statuses.push(now.status);
        if (shownCounts.at(-1) !== now.rows) shownCounts.push(now.rows);
        return now.stage === "complete" && now.status === null;
      },
      { timeout: 150_000, intervals: [200] },
    )
    .toBe(true);
  test.info().annotations.push({ type: "progress", description: statuses.join(" | ") || "(table came first)" });
  const percents = statuses.map((st) => Number(/^(\d{1,3})% · /.exec(st)?.[1]));
  for (const [i, st] of statuses.entries()) {
    expect(st).toMatch(PROGRESS_LINE);
    if (i > 0) expect(percents[i]).toBeGreaterThanOrEqual(percents[i - 1]);
    const training = PROGRESS_LINE.exec(st);
    if (training?.[4]) expect(Number(training[5])).toBe(E2E_FORECAST_MODELS.length - BASELINE.length);
  }
  // The table only ever grew: the baseline first, the models as they finished.
  for (let i = 1; i < shownCounts.length; i++) expect(shownCounts[i]).toBeGreaterThanOrEqual(shownCounts[i - 1]);
  expect(shownCounts[0]).toBe(BASELINE.length);
  // Completion is announced, and focus moves to the result.
  await expect(section.getByTestId("forecast-announcement")).toHaveText(`All ${E2E_FORECAST_MODELS.length} models for ${SYMBOL} are trained; the forecast below shows them.`);
  await expect(section.getByTestId("forecast-result").locator("..")).toBeFocused();
  await expect(comparison).toBeVisible({ timeout: 150_000 });
  await expect(progress).toHaveCount(0);
  const trainedInMs = Date.now() - started;
  test.info().annotations.push({ type: "first forecast", description: `${trainedInMs} ms from registering to the table` });

  // The same session asks the API: trained now, so 200 with the figures the page shows.
  const apiRes = await page.request.get(API);
  expect(apiRes.status()).toBe(200);
  const api = (await apiRes.json()) as ApiResult;
  expect(api).toMatchObject({ stage: "complete", training: null });
  expect(api.symbol).toBe(SYMBOL);
  expect(api.baseline).toBe("naive");
  expect(api.models.map((m) => m.name).sort()).toEqual([...E2E_FORECAST_MODELS].sort());
  await expect(section.getByTestId("forecast-result")).toHaveAttribute("data-as-of", api.asOf);
  await expect(section).toContainText(`From the close of ${api.asOf} (${money(api.lastClose)})`);

  const shown = await readTables(page, api);
  for (const h of Object.keys(HORIZON_TABS) as Horizon[]) {
    for (const m of api.models) {
      const f = m.horizons[h]!;
      const cells = shown[h][m.name];
      const label = `${m.name} ${h}`;
      expect(cells.price, label).toBe(`${money(f.price)} (${f.changePercent >= 0 ? "+" : ""}${f.changePercent.toFixed(2)}%)`);
      expect(f.intervals, label).not.toBeNull();
      const [lo, hi] = f.intervals!["95"];
      expect(cells.interval95, label).toBe(`${money(lo)} – ${money(hi)}`);
      expect(lo, label).toBeLessThanOrEqual(f.price);
      expect(hi, label).toBeGreaterThanOrEqual(f.price);
      const b = f.backtest!;
      expect(cells.mae, label).toBe(`${b.mape!.toFixed(2)}% (${b.maeRatio!.toFixed(3)}×)`);
      expect(cells.coverage95, label).toBe(percent(b.coverage95!));
      // The 95% range score and width are in % of the price already.
      expect(cells.score, label).toBe(`${b.winkler95!.toFixed(2)}%`);
      expect(cells.width95, label).toBe(`width ${b.width95!.toFixed(2)}%`);
      expect(b.winkler95!, label).toBeGreaterThanOrEqual(b.width95!);
      // A calibrated 95% interval covers most held-out outcomes; the backtest spans hundreds of origins.
      expect(b.coverage95!, label).toBeGreaterThan(0.85);
      expect(b.origins, label).toBeGreaterThan(100);
      expect(cells.origins, label).toBe(String(b.origins));
    }
    // The naive baseline forecasts the last close and is its own yardstick.
    const naive = api.models.find((m) => m.name === "naive")!.horizons[h]!;
    expect(naive.price).toBe(api.lastClose);
    expect(naive.backtest!.maeRatio).toBeCloseTo(1, 6);
    expect(shown[h].naive.price).toBe(`${money(api.lastClose)} (+0.00%)`);
  }
  await expect(section.locator('[data-testid="forecast-row"][data-model="naive"]')).toContainText("baseline");
  const maxOrigins = Math.max(...api.models.flatMap((m) => Object.values(m.horizons).map((h) => h!.backtest!.origins)));
  await expectHeadlineEqualsApi(page, api);
  await expectDirectionFromApi(page, api);
  await expect(section.getByTestId("forecast-note")).toContainText("walk-forward backtests on held-out data");
  await expect(section.getByTestId("forecast-note")).toContainText(`at each of the last ${maxOrigins} trading days`);
  await expect(section.getByTestId("forecast-score-note")).toContainText("Lower is better");

  // Reload: the forecast comes straight back (cache or artifacts), with no job and no progress bar.
  const jobPolls: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.startsWith("/api/jobs/")) jobPolls.push(r.url());
  });
  const again = page.waitForResponse(isPrediction);
  const reloaded = Date.now();
  await page.reload();
  const second = await again;
  expect(second.status()).toBe(200);
  expect(["HIT", "MISS"]).toContain(second.headers()["x-cache"]);
  await expect(comparison).toBeVisible({ timeout: 5_000 });
  test.info().annotations.push({ type: "reload", description: `${Date.now() - reloaded} ms to the table, X-Cache ${second.headers()["x-cache"]}` });
  await expect(progress).toHaveCount(0);
  expect(await readTables(page, api)).toEqual(shown);
  expect(jobPolls).toEqual([]);
});

test("training can be cancelled from the stock page, and asked for again; the baseline stays", async ({ page }) => {
  test.setTimeout(120_000);
  await registerThroughForm(page, { callbackUrl: "/stock/JPM", prefix: "cx" });
  await expect(page).toHaveURL(/\/stock\/JPM$/);
  const section = page.getByTestId("forecast-section");
  await expect(section.getByTestId("forecast-result")).toHaveAttribute("data-stage", "baseline", { timeout: 60_000 });
  const queued = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/predictions/JPM" && r.request().method() === "POST");
  await section.getByRole("button", { name: /^Train models for JPM/ }).click();
  const jobId = ((await (await queued).json()) as { job_id: string }).job_id;
  const cancelled = page.waitForResponse((r) => r.request().method() === "DELETE" && new URL(r.url()).pathname === `/api/jobs/${jobId}`);
  await section.getByRole("button", { name: "Cancel training" }).click();
  expect((await cancelled).status()).toBe(200);
  await expect(section).toContainText("Training was cancelled.");
  const job = await page.request.get(`/api/jobs/${jobId}`);
  expect(((await job.json()) as { status: string }).status).toBe("cancelled");
  await expect(section.getByRole("button", { name: /^Train models for JPM/ })).toBeVisible();
  await expect(section.getByTestId("model-comparison")).toBeVisible();
});

test("a page opened while its symbol trains shows that job's progress, with no button, then the models", async ({ page }) => {
  test.setTimeout(150_000);
  await registerThroughForm(page, { callbackUrl: "/stock/IBM", prefix: "rs" });
  await expect(page).toHaveURL(/\/stock\/IBM$/);
  const section = page.getByTestId("forecast-section");
  await expect(section.getByTestId("forecast-result")).toHaveAttribute("data-stage", "baseline", { timeout: 60_000 });
  // Asked from elsewhere (the API, another tab); then the page is opened again.
  const ask = await page.request.post("/api/predictions/IBM");
  expect(ask.status()).toBe(202);
  const { job_id: jobId } = (await ask.json()) as { job_id: string };
  const reread = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/predictions/IBM" && r.request().method() === "GET");
  await page.reload();
  const read = await (await reread).json();
  expect(read.training).toMatchObject({ job_id: jobId });
  await expect(section.getByTestId("forecast-progress")).toBeVisible();
  await expect(section.getByTestId("forecast-progress-text")).toHaveText(PROGRESS_LINE);
  await expect(section.getByRole("button", { name: /^Train models for IBM/ })).toHaveCount(0);
  // Opened, not asked here: focus stays where it was.
  await expect(section.getByTestId("forecast-progress")).not.toBeFocused();
  await expect(section.getByTestId("forecast-result")).toHaveAttribute("data-stage", "complete", { timeout: 120_000 });
  await expect(section.getByTestId("forecast-progress")).toHaveCount(0);
  await expect(section.getByTestId("forecast-row")).toHaveCount(E2E_FORECAST_MODELS.length);
});

test("keyboard only: from the search box to a forecast sentence and the model comparison", async ({ page }) => {
  test.setTimeout(120_000);
  // MSFT was trained by the test above (same server, one worker): its forecast is served without a job.
  await registerThroughForm(page, { callbackUrl: "/", prefix: "kb" });
  await page.goto("/");
  await page.getByRole("main").getByTestId("ticker-search").focus();
  await page.keyboard.type("mircosoft");
  await expect(page.getByRole("main").getByTestId("ticker-suggestions").getByRole("option").first()).toContainText("MSFT");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/stock/${SYMBOL}$`));
  const headline = page.getByTestId("forecast-headline");
  await expect(headline.getByTestId("headline-line")).toHaveCount(3, { timeout: 30_000 });
  await expect(headline.getByTestId("headline-sentence").first()).toContainText(/^Most likely near \$[\d,]+\.\d{2} on \w{3} \d{1,2} \w{3} \d{4}; 80% chance between/);

  // Tab to "How the models compare" and open it with the keyboard.
  const summary = page.getByTestId("model-comparison").locator("summary");
  for (let i = 0; i < 80 && !(await summary.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(summary).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("forecast-table")).toBeVisible();
});
