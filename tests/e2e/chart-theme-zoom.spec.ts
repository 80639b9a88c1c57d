// Newcomer walk, 2026-12-07: on /stock/AAPL, zooming or scrolling the chart and then switching light/dark threw the
// chart back to its whole range. The view a person chose stays; only the colours change.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { registerThroughForm } from "./support/register";
import { pageIn, VIEWPORTS } from "./support/views";

const SYMBOL = "AAPL";

/** The chart palette's rising/falling colours (src/components/chart/chart-theme.ts), light and dark. */
const LINE = { light: [[5, 150, 105], [225, 29, 72]], dark: [[52, 211, 153], [251, 113, 133]] } as const;

/** Opaque pixels of the price pane's canvases drawn in each theme's line colours. */
function lineInk(host: Locator): Promise<{ light: number; dark: number }> {
  return host.evaluate((el, line) => {
    const row = Array.from(el.querySelectorAll("table tr")).find((tr) => tr.children.length === 3)!;
    const out = { light: 0, dark: 0 };
    for (const c of Array.from(row.children[1].querySelectorAll("canvas")) as HTMLCanvasElement[]) {
      const ctx = c.getContext("2d");
      if (!ctx || c.width === 0 || c.height === 0) continue;
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < px.length; i += 4) {
        if (px[i + 3] < 250) continue;
        for (const theme of ["light", "dark"] as const) {
          if (line[theme].some(([r, g, b]) => Math.abs(px[i] - r) + Math.abs(px[i + 1] - g) + Math.abs(px[i + 2] - b) < 12)) out[theme]++;
        }
      }
    }
    return out;
  }, LINE);
}

/** The colour most of the chart's box is painted in, as a person sees it (the canvas over the page). */
async function backgroundOf(canvas: Locator): Promise<{ r: number; g: number; b: number }> {
  const png = (await canvas.screenshot()).toString("base64");
  return canvas.evaluate(async (_el, b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement("canvas");
    [c.width, c.height] = [img.naturalWidth, img.naturalHeight];
    const ctx = c.getContext("2d")!;
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    const counts = new Map<number, number>();
    for (let i = 0; i < px.length; i += 4) {
      const key = (px[i] << 16) | (px[i + 1] << 8) | px[i + 2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    return { r: top >> 16, g: (top >> 8) & 255, b: top & 255 };
  }, png);
}

/** What the page says about the bars in view: the legend's last date in view and its change "since" the first. */
async function viewOf(page: Page): Promise<string> {
  const legend = page.getByTestId("chart-legend");
  return `${await legend.locator("span").first().innerText()} | ${await legend.getByTestId("range-change").innerText()}`;
}

for (const vp of VIEWPORTS) {
  test(`chart: a theme switch keeps the zoomed and scrolled view and repaints in the new colours (${vp.name})`, async ({ browser }) => {
    test.setTimeout(120_000);
    const page = await pageIn(browser, vp, "light");
    // Desktop signed in, so the forecast overlay (redrawn on a theme switch too) is on the chart; phone signed out.
    if (vp.name === "desktop") await registerThroughForm(page, { callbackUrl: `/stock/${SYMBOL}`, prefix: "tz" });
    else await page.goto(`/stock/${SYMBOL}`);
    const chart = page.getByTestId("price-chart");
    await expect(chart).toHaveAttribute("data-state", "ready");
    if (vp.name === "desktop") await expect(page.getByTestId("chart-forecast-legend")).toBeVisible({ timeout: 90_000 });
    const canvas = page.getByTestId("chart-canvas");
    const whole = await viewOf(page);

    // Zoom in with the wheel over the price pane, then drag the view back in time.
    const plot = canvas.locator("table tr").first().locator("td").nth(1);
    const box = (await plot.boundingBox())!;
    const mid = { x: box.x + box.width * 0.5, y: box.y + box.height * 0.5 };
    await page.mouse.move(mid.x, mid.y);
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -240);
    await page.mouse.down();
    await page.mouse.move(mid.x + box.width * 0.3, mid.y, { steps: 8 });
    await page.mouse.up();
    await page.mouse.move(0, 0);
    await expect.poll(() => viewOf(page)).not.toBe(whole);
    const zoomed = await viewOf(page);
    expect(zoomed).not.toContain(whole.split(" | ")[0]);
    const before = await lineInk(canvas);
    expect(before.light, "light line colours before the switch").toBeGreaterThan(100);
    expect(before.dark).toBe(0);
    const lightBackground = await backgroundOf(canvas);
    expect(lightBackground.r + lightBackground.g + lightBackground.b, `light background ${JSON.stringify(lightBackground)}`).toBeGreaterThan(700);

    // Auto -> Light -> Dark.
    while (!(await page.evaluate(() => document.documentElement.classList.contains("dark")))) await page.getByTestId("theme-toggle").click();
    // The canvas is repainted in the dark palette, over a dark background.
    await expect.poll(async () => (await lineInk(canvas)).dark, { message: "dark line colours after the switch" }).toBeGreaterThan(100);
    expect((await lineInk(canvas)).light).toBe(0);
    const darkBackground = await backgroundOf(canvas);
    expect(darkBackground.r + darkBackground.g + darkBackground.b, `dark background ${JSON.stringify(darkBackground)}`).toBeLessThan(150);
    // The same bars are in view: the same last date and the same change since the same first date.
    await page.waitForTimeout(500);
    expect(await viewOf(page)).toBe(zoomed);

    // And back to light (Dark -> Auto, the system's light): still the same view.
    await page.getByTestId("theme-toggle").click();
    await expect.poll(async () => (await lineInk(canvas)).light).toBeGreaterThan(100);
    await page.waitForTimeout(500);
    expect(await viewOf(page)).toBe(zoomed);
    await page.context().close();
  });
}
