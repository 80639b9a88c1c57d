// axe-core over the app's own pages (every page a person reaches, signed out and in), light and dark, desktop and phone, signed in (the richest state: the stock
// page with its trained forecast, /predict with a card and its history): no serious or critical violation.
// Also the skip link, the tap-target size on phones, the distinct names of the two search landmarks, and the
// phone header: two rows signed in or out, its Menu a keyboard disclosure.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { headerLayout } from "./support/header";
import { registerThroughForm } from "./support/register";
import { showTrainedForecast } from "./support/forecast-ready";
import { pageIn, SCHEMES, VIEWPORTS } from "./support/views";

const SYMBOL = "AAPL";
const PAGES = [
  { name: "home", path: "/" },
  { name: "stock", path: `/stock/${SYMBOL}` },
  { name: "predict", path: `/predict?symbols=${SYMBOL}` },
  { name: "news", path: "/news" },
  { name: "alerts", path: "/alerts" },
  { name: "notifications", path: "/notifications" },
  { name: "account", path: "/account" },
  { name: "watchlists", path: "/watchlists" },
  { name: "portfolios", path: "/portfolios" },
  { name: "track record", path: "/track-record" },
  { name: "news help", path: "/help/news" },
  { name: "404", path: "/no-such-page" },
] as const;

/** Serious and critical violations, one line each with the first offending elements. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}, ${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")} ${n.failureSummary?.split("\n")[1]?.trim() ?? ""}`).join(" | ")}`);
}

/** Settled: server content, then the client parts that load after it (chart, forecast, news). */
async function settle(page: Page, name: string) {
  if (name === "stock") {
    await expect(page.getByTestId("price-chart")).toHaveAttribute("data-state", "ready");
    await showTrainedForecast(page, SYMBOL);
  }
  if (name === "predict") await expect(page.locator(`[data-testid="predict-card"][data-symbol="${SYMBOL}"]`)).toHaveAttribute("data-status", /ready|untrained/, { timeout: 180_000 });
  await page.waitForLoadState("networkidle");
}

for (const vp of VIEWPORTS) {
  for (const scheme of SCHEMES) {
    test(`axe finds no serious or critical violation (${vp.name}, ${scheme})`, async ({ browser }) => {
      test.setTimeout(300_000);
      const page = await pageIn(browser, vp, scheme);
      // Signed out: the login page.
      await page.goto("/login");
      await expect(page.getByTestId("login-form")).toBeVisible();
      const found: Record<string, string[]> = { login: await seriousViolations(page) };
      await page.goto("/register?callbackUrl=%2Falerts");
      await expect(page.getByTestId("register-form")).toBeVisible();
      found.register = await seriousViolations(page);
      await registerThroughForm(page, { callbackUrl: "/", prefix: "ax" });
      for (const p of PAGES) {
        await page.goto(p.path);
        await settle(page, p.name);
        found[p.name] = await seriousViolations(page);
      }
      expect(found).toEqual(Object.fromEntries(["login", "register", ...PAGES.map((p) => p.name)].map((n) => [n, []])));
      await page.context().close();
    });
  }
}

test("a skip link is the first Tab stop and moves focus to the main content", async ({ page }) => {
  await page.goto(`/stock/${SYMBOL}`);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  await page.keyboard.press("Tab");
  // The next stop is inside the page's content, not the header again.
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest("main")))).toBe(true);
});

test("the two search landmarks have different names", async ({ page }) => {
  await page.goto("/");
  const names = await page.getByRole("search").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? e.getAttribute("aria-labelledby")));
  expect(names.length).toBe(2);
  expect(new Set(names).size).toBe(2);
  for (const n of names) expect(n).toBeTruthy();
});

test("on a phone every button, field and navigation link is at least 44 px tall", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await pageIn(browser, VIEWPORTS[1], "light");
  const small: string[] = [];
  for (const path of ["/", `/stock/${SYMBOL}`, "/news", "/login", "/no-such-page"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    const tiny = await page.evaluate(() =>
      Array.from(document.querySelectorAll("button, input:not([type=hidden]), select, nav a, header a, [role=tab]"))
        .filter((el) => {
          const r = el.getBoundingClientRect();
          const style = getComputedStyle(el);
          return r.width > 0 && r.height > 0 && style.visibility !== "hidden" && !el.closest(".sr-only") && !el.matches(".sr-only");
        })
        .filter((el) => el.getBoundingClientRect().height < 44)
        .map((el) => `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 30)}" ${Math.round(el.getBoundingClientRect().height)}px`),
    );
    small.push(...tiny.map((t) => `${path}: ${t}`));
  }
  expect(small).toEqual([]);
  await page.context().close();
});

test("on a phone the header takes two rows signed in and out, and its Menu opens and closes from the keyboard", async ({ browser }) => {
  test.setTimeout(180_000);
  const menuButton = (page: Page) => page.getByRole("button", { name: "Menu" });
  for (const scheme of SCHEMES) {
    const page = await pageIn(browser, VIEWPORTS[1], scheme);
    await page.goto("/");
    await page.waitForLoadState("networkidle");
    // Two rows (brand and buttons, then the search), each a 44-px tap target: under three rows' height.
    const out = await headerLayout(page);
    expect({ rows: out.rows, controls: out.controls }).toEqual({ rows: 2, controls: ["Stock Hub", "Search symbol", "Menu", "Theme: Auto"].map((c) => expect.stringContaining(c)) });
    expect(out.height).toBeLessThan(3 * 44);

    await registerThroughForm(page, { callbackUrl: "/", prefix: `hd${scheme[0]}` });
    await page.goto("/");
    await page.waitForLoadState("networkidle");
    const signedIn = await headerLayout(page);
    expect(signedIn.rows).toBe(2);
    expect(signedIn.height).toBeLessThan(3 * 44);
    expect(signedIn.controls).toContain("Notifications, none unread");
    await expect(page.getByTestId("signed-in-user")).toBeHidden();

    // Keyboard: Enter opens it and moves focus to the first link; Escape closes it and returns focus to Menu.
    const button = menuButton(page);
    await button.focus();
    await page.keyboard.press("Enter");
    await expect(button).toHaveAttribute("aria-expanded", "true");
    const panel = page.getByTestId("menu-panel");
    await expect(panel).toBeVisible();
    await expect(panel.getByRole("link", { name: "Markets" })).toBeFocused();
    await expect(panel.getByTestId("signed-in-user")).toBeVisible();
    await expect(panel.getByTestId("sign-out")).toBeVisible();
    // The open menu overlays the page: the header itself keeps its height.
    expect((await headerLayout(page)).height).toBe(signedIn.height);
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(panel).toBeHidden();
    await expect(button).toBeFocused();

    // Space opens it too; Tab past its last entry closes it; following a link closes it.
    await page.keyboard.press("Space");
    await expect(panel).toBeVisible();
    const entries = await panel.locator("a, button").count();
    for (let i = 0; i < entries; i++) await page.keyboard.press("Tab");
    await expect(panel).toBeHidden();
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await button.click();
    await panel.getByRole("link", { name: "News" }).click();
    await expect(page).toHaveURL(/\/news$/);
    await expect(panel).toBeHidden();
    await page.context().close();
  }
});

test("on a desktop the header is one row with every link and no Menu button", async ({ browser }) => {
  const page = await pageIn(browser, VIEWPORTS[0], "light");
  await registerThroughForm(page, { callbackUrl: "/", prefix: "hdd" });
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  const layout = await headerLayout(page);
  expect(layout.rows).toBe(1);
  await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
  for (const name of ["Markets", "Predict", "News", "Alerts", "API", "Portfolios"]) await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true })).toBeVisible();
  await expect(page.getByTestId("sign-out")).toBeVisible();
  await page.context().close();
});
