// What the charts paint, read from their pixels after every range and type switch and a theme toggle, in light
// and dark, on a desktop and a phone: the price spans its pane, the volume sits in its own band underneath,
// the forecast overlay stays drawn; the fan chart and /predict's history chart draw their history and bands.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { registerThroughForm } from "./support/register";
import { showTrainedForecast } from "./support/forecast-ready";
import { paneInk, priceChartProblems, svgInk } from "./support/painted";
import { pageIn, SCHEMES, VIEWPORTS, type Scheme, type Viewport } from "./support/views";

const SYMBOL = "AAPL";

async function signedInPage(browser: Browser, vp: Viewport, scheme: Scheme, callbackUrl: string) {
  const page = await pageIn(browser, vp, scheme);
  await registerThroughForm(page, { callbackUrl, prefix: "ch" });
  return page;
}

/** Waits until the price chart's pixels are right: the library paints on the next animation frame, and the forecast arrives after the page (each check reads two canvases, slow on a loaded machine, hence the 15 s). */
async function expectPainted(page: Page, what: string) {
  const chart = page.getByTestId("price-chart");
  await expect(chart).toHaveAttribute("data-state", "ready");
  // The legend says whether the forecast is on the chart; it can arrive while we look, so it is read each time.
  let forecast = false;
  await expect
    .poll(
      async () => {
        forecast = await page.getByTestId("chart-forecast-legend").isVisible();
        return priceChartProblems(await paneInk(page.getByTestId("chart-canvas")), { forecast });
      },
      { message: what, timeout: 15_000 },
    )
    .toBe("");
  return { forecast };
}

for (const vp of VIEWPORTS) {
  for (const scheme of SCHEMES) {
    test(`price chart stays drawn through every range, type and theme switch (${vp.name}, ${scheme})`, async ({ browser }) => {
      test.setTimeout(300_000);
      const page = await signedInPage(browser, vp, scheme, `/stock/${SYMBOL}`);
      await expect(page).toHaveURL(new RegExp(`/stock/${SYMBOL}$`));
      // First load, before anything is touched (a dark system theme broke the chart right here).
      await expectPainted(page, "first load");

      await showTrainedForecast(page, SYMBOL);
      const chart = page.getByTestId("price-chart");
      expect((await expectPainted(page, "the default range with the forecast")).forecast).toBe(true);

      const ranges = chart.getByRole("group", { name: "Range" }).getByRole("button");
      // The shipped data set has no intraday bars: 1D is disabled and says why, instead of drawing 5 daily bars.
      await expect(chart.getByRole("group", { name: "Range" }).getByRole("button", { name: "1D", exact: true })).toBeDisabled();
      await expect(chart.getByTestId("chart-1d-reason")).toHaveText("1D needs intraday bars; the historical data set has daily bars only.");
      // The canvas has a text alternative naming what it draws.
      const shown = await chart.getAttribute("data-range");
      const summary = new RegExp(`^AAPL price chart, ${shown} \\(daily bars\\), [\\d/]+ to 03/08(/24)?\\. First \\$[\\d.,]+, last \\$170\\.73, high \\$[\\d.,]+ on [\\d/]+, low \\$[\\d.,]+ on [\\d/]+\\. Change [+−]\\d+\\.\\d\\d% since [\\d/]+\\.$`);
      await expect(chart.getByRole("img", { name: summary })).toBeVisible();
      const types = chart.getByRole("group", { name: "Chart type" });
      let forecastRanges = 0;
      for (const mode of ["candles", "area"]) {
        await types.getByRole("button", { name: mode, exact: true }).click();
        await expectPainted(page, `${mode} after the type switch`);
        for (const button of await ranges.all()) {
          if (!(await button.isEnabled())) continue;
          const name = (await button.innerText()).trim();
          await button.click();
          await expect(chart).toHaveAttribute("data-range", name);
          if ((await expectPainted(page, `${mode} ${name}`)).forecast) forecastRanges++;
        }
      }
      // The daily ranges (1M to 2Y) end on the forecast's origin, so the overlay is drawn on them in both types.
      expect(forecastRanges).toBeGreaterThanOrEqual(10);

      // Back to 3M, then the theme toggle until the other theme is pinned: the chart repaints in place.
      await chart.getByRole("group", { name: "Range" }).getByRole("button", { name: "3M", exact: true }).click();
      await expectPainted(page, "3M before the theme toggle");
      const other = scheme === "light" ? "dark" : "light";
      while (!(await page.evaluate((c) => document.documentElement.classList.contains(c), other))) {
        await page.getByTestId("theme-toggle").click();
        await expectPainted(page, `after a theme toggle towards ${other}`);
      }
      await types.getByRole("button", { name: "candles", exact: true }).click();
      await expectPainted(page, `candles in ${other}`);

      // The fan chart: the recent closes span its height, the forecast path and bands are drawn.
      const fan = await svgInk(page.getByTestId("forecast-fan"));
      expect(fan.historySpan, "fan chart history line").toBeGreaterThan(0.3);
      expect(fan.skyPx, "fan chart forecast").toBeGreaterThan(50);
      expect(fan.skySpan, "fan chart forecast").toBeGreaterThan(0.1);
      await page.context().close();
    });
  }
}

test("predict's history chart draws the closes and the served forecast's bands, light and dark, desktop and phone", async ({ browser }) => {
  test.setTimeout(300_000);
  for (const vp of VIEWPORTS) {
    for (const scheme of SCHEMES) {
      const page = await signedInPage(browser, vp, scheme, `/predict?symbols=${SYMBOL}`);
      const card = page.locator(`[data-testid="predict-card"][data-symbol="${SYMBOL}"]`);
      await expect(card).toBeVisible();
      if ((await card.getAttribute("data-status")) === "untrained") await card.getByRole("button", { name: `Train models for ${SYMBOL}` }).click();
      await expect(card).toHaveAttribute("data-status", "ready", { timeout: 200_000 });
      const chart = card.getByTestId("history-chart");
      await expect(chart).toBeVisible();
      const ink = await svgInk(chart);
      const what = `${vp.name} ${scheme}`;
      expect(ink.historySpan, `history closes, ${what}`).toBeGreaterThan(0.3);
      expect(ink.skyPx, `served forecast bands, ${what}`).toBeGreaterThan(20);
      await page.context().close();
    }
  }
});
