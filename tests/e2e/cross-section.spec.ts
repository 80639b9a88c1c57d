// "This week's ranking" on /predict (the M6 cross-sectional forecast): the measured score against the uniform
// guess in words, with "edge" or "no edge" as the API's verdict says, and all 23 symbols' chances behind a
// disclosure; fits a phone, axe-clean in light and dark.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { pageIn, SCHEMES, VIEWPORTS } from "./support/views";

test("the page's statement matches the API's measured verdict", async ({ page, request }) => {
  test.setTimeout(240_000);
  const api = await (await request.get("/api/predictions/cross-section", { timeout: 200_000 })).json();
  await page.goto("/predict");
  const verdict = page.getByTestId("cross-section-verdict");
  await expect(verdict).toHaveAttribute("data-verdict", api.verdict, { timeout: 180_000 });
  await expect(verdict).toContainText(`${api.measured.weeks} weeks it had not seen`);
  await expect(verdict).toContainText(api.measured.rps.toFixed(4));
  await expect(verdict).toContainText(api.verdict === "edge" ? "a small measured edge" : "no edge");
  await page.getByText(`Chances for all ${api.symbols.length} symbols`).click();
  const rows = page.getByTestId("cross-section-table").locator("tbody tr");
  await expect(rows).toHaveCount(api.symbols.length);
  const tsla = api.symbols.find((s: { symbol: string }) => s.symbol === "TSLA").probabilities as number[];
  await expect(rows.filter({ hasText: "TSLA" }).locator("td")).toHaveText(tsla.map((p) => `${Math.round(p * 100)}%`));
});

for (const vp of VIEWPORTS) {
  for (const scheme of SCHEMES) {
    test(`the ranking section fits and is axe-clean (${vp.name}, ${scheme})`, async ({ browser }) => {
      test.setTimeout(240_000);
      const page = await pageIn(browser, vp, scheme);
      await page.goto("/predict");
      await expect(page.getByTestId("cross-section-verdict")).toBeVisible({ timeout: 180_000 });
      await page.evaluate(() => document.querySelectorAll("[data-testid=cross-section] details").forEach((d) => ((d as HTMLDetailsElement).open = true)));
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      const { violations } = await new AxeBuilder({ page }).include("[data-testid=cross-section]").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
      expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
      await page.context().close();
    });
  }
}
