// Screenshots of the main pages at desktop and phone widths, light and dark, for looking at the charts.
// Usage: start the app (e.g. `npx next start -p 3100`), then
//   npx tsx tests/e2e/capture-screenshots.ts [baseUrl] [outDir]
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS } from "../../playwright.config";

const base = process.argv[2] ?? "http://127.0.0.1:3100";
const out = process.argv[3] ?? "/tmp/stock-hub-screenshots";
mkdirSync(out, { recursive: true });

const viewports = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 375, height: 812 },
] as const;
const pages = [
  { name: "home", path: "/" },
  { name: "stock-aapl", path: "/stock/AAPL" },
  { name: "not-found", path: "/stock/ZZZZZZ" },
];

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
try {
  for (const vp of viewports) {
    for (const scheme of ["light", "dark"] as const) {
      const ctx = await browser.newContext({ viewport: { width: vp.width, height: vp.height }, colorScheme: scheme, deviceScaleFactor: 1 });
      const page = await ctx.newPage();
      for (const p of pages) {
        await page.goto(base + p.path, { waitUntil: "networkidle" });
        if (p.path.startsWith("/stock/AAPL")) await page.waitForSelector('[data-testid="price-chart"][data-state="ready"]');
        await page.waitForTimeout(300);
        const file = `${out}/${p.name}-${vp.name}-${scheme}.png`;
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
      }
      await ctx.close();
    }
  }
} finally {
  await browser.close();
}
