// Screenshots of every view, desktop and phone, light and dark, into docs/screenshots/ (small JPEGs), and the
// gallery between the markers in docs/ui.md rewritten to match. Signs up a fresh user so the signed-in views
// (forecast, /predict, /alerts, /account) show, and trains AAPL's models first if this server has not.
// Usage: start the production build (e.g. `PORT=3100 node scripts/serve.mjs`), then
//   npx tsx tests/e2e/capture-screenshots.ts [baseUrl]
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_ARGS } from "../../playwright.config";
import { registerThroughForm } from "./support/register";

const base = process.argv[2] ?? "http://127.0.0.1:3100";
const OUT = "docs/screenshots";
const DOC = "docs/ui.md";
const BEGIN = "<!-- screenshots:begin (tests/e2e/capture-screenshots.ts writes this part) -->";
const END = "<!-- screenshots:end -->";

// Rendered at a reduced device scale so the JPEGs stay small (the whole set is kept under ~3 MB in the repo).
const VIEWS = [
  { name: "desktop", width: 1366, height: 900, scale: 0.6 },
  { name: "phone", width: 390, height: 844, scale: 0.8 },
] as const;
const SCHEMES = ["light", "dark"] as const;

interface Shot {
  name: string;
  title: string;
  path: string;
  signedIn: boolean;
  /** Brings the page to the state worth showing. */
  prepare?: (page: Page) => Promise<void>;
}

const chartReady = (page: Page) => page.waitForSelector('[data-testid="price-chart"][data-state="ready"]');
const forecastShown = async (page: Page) => {
  await chartReady(page);
  await page.waitForSelector('[data-testid="forecast-result"]', { timeout: 180_000 });
};
const SHOTS: Shot[] = [
  { name: "home", title: "Markets (home)", path: "/", signedIn: true },
  {
    name: "stock",
    title: "Stock page, as it opens",
    path: "/stock/AAPL",
    signedIn: true,
    prepare: forecastShown,
  },
  {
    name: "stock-3m-candles",
    title: "Stock page after choosing 3M and candles (forecast overlay on the chart)",
    path: "/stock/AAPL",
    signedIn: true,
    prepare: async (page) => {
      await forecastShown(page);
      await page.getByRole("group", { name: "Range" }).getByRole("button", { name: "3M", exact: true }).click();
      await page.getByRole("group", { name: "Chart type" }).getByRole("button", { name: "candles", exact: true }).click();
      await chartReady(page);
      await page.getByTestId("price-chart").scrollIntoViewIfNeeded();
    },
  },
  {
    name: "stock-forecast",
    title: "Stock page, the forecast",
    path: "/stock/AAPL",
    signedIn: true,
    prepare: async (page) => {
      await forecastShown(page);
      await page.getByTestId("forecast-section").scrollIntoViewIfNeeded();
    },
  },
  {
    name: "predict",
    title: "Predict",
    path: "/predict?symbols=AAPL",
    signedIn: true,
    prepare: (page) => page.waitForSelector('[data-testid="predict-card"][data-status="ready"]', { timeout: 180_000 }).then(() => undefined),
  },
  { name: "news", title: "News", path: "/news", signedIn: true },
  { name: "alerts", title: "Alerts", path: "/alerts", signedIn: true },
  // With no live provider nothing fires: the list's empty state. (The committed shots, with two alerts fired on a
  // replayed next session, were taken on 2026-12-07 against a server with a replayed Polygon.)
  { name: "notifications", title: "Notifications", path: "/notifications", signedIn: true },
  { name: "account", title: "Account", path: "/account", signedIn: true },
  { name: "login", title: "Sign in", path: "/login", signedIn: false },
  { name: "symbol-not-found", title: "Unknown symbol (404)", path: "/stock/ZZZZZZ", signedIn: false },
  { name: "not-found", title: "Page not found (404)", path: "/no-such-page", signedIn: false },
];

async function register(page: Page) {
  await registerThroughForm(page, { callbackUrl: "/stock/AAPL", prefix: "shots" });
  // The forecast views need AAPL trained: ask once, as a person would.
  const train = page.getByRole("button", { name: /^Train models for AAPL/ });
  await Promise.race([train.waitFor(), page.getByTestId("forecast-result").waitFor()]);
  if (await train.isVisible()) await train.click();
  await page.getByTestId("forecast-result").waitFor({ timeout: 180_000 });
}

// A cold server compiles its first pages slowly; the sign-up helper waits only the standard 5 s for its redirect.
for (const s of SHOTS) await fetch(base + s.path).catch(() => undefined);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
try {
  for (const vp of VIEWS) {
    for (const scheme of SCHEMES) {
      for (const signedIn of [true, false]) {
        const ctx = await browser.newContext({ baseURL: base, viewport: { width: vp.width, height: vp.height }, colorScheme: scheme, deviceScaleFactor: vp.scale });
        const page = await ctx.newPage();
        if (signedIn) await register(page);
        for (const shot of SHOTS.filter((s) => s.signedIn === signedIn)) {
          await page.goto(base + shot.path, { waitUntil: "networkidle" });
          await shot.prepare?.(page);
          await page.waitForTimeout(400);
          const file = `${OUT}/${shot.name}-${vp.name}-${scheme}.jpg`;
          await page.screenshot({ path: file, type: "jpeg", quality: 70 });
          console.log(file, `${Math.round(statSync(file).size / 1024)} KB`);
        }
        await ctx.close();
      }
    }
  }
} finally {
  await browser.close();
}

// The gallery: one row per view, one column per size and theme.
const cols = VIEWS.flatMap((v) => SCHEMES.map((s) => ({ v: v.name, s })));
const rows = SHOTS.map((shot) => `| ${shot.title} | ${cols.map((c) => `![${shot.title}, ${c.v}, ${c.s}](screenshots/${shot.name}-${c.v}-${c.s}.jpg)`).join(" | ")} |`);
const gallery = [
  BEGIN,
  `Taken ${new Date().toISOString().slice(0, 10)} against the production build with \`npx tsx tests/e2e/capture-screenshots.ts\` (desktop 1366×900, phone 390×844;`,
  "signed in for the forecast, Predict, Alerts and Account; JPEG at a reduced scale to keep the repository small).",
  "",
  `| view | ${cols.map((c) => `${c.v}, ${c.s}`).join(" | ")} |`,
  `| --- | ${cols.map(() => "---").join(" | ")} |`,
  ...rows,
  END,
].join("\n");
const doc = readFileSync(DOC, "utf8");
const start = doc.indexOf(BEGIN);
const stop = doc.indexOf(END);
if (start < 0 || stop < 0) throw new Error(`${DOC} has no screenshot markers`);
writeFileSync(DOC, doc.slice(0, start) + gallery + doc.slice(stop + END.length));
console.log(`${DOC}: gallery of ${SHOTS.length} views × ${cols.length}`);
