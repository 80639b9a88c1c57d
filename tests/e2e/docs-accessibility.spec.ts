// Newcomer walk, 2026-12-07: axe-core found critical and serious problems on /docs (the Scalar API reference).
// Checked light and dark, desktop and phone, as the page opens (the first group's operations shown).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { pageIn, SCHEMES, VIEWPORTS } from "./support/views";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/**
 * Findings inside the Scalar bundle (/docs/scalar.js serves @scalar/api-reference's browser build as published) that
 * neither its configuration nor CSS can change. Each rule is still run on the whole page; only these elements
 * are left out of that one rule, so any other element breaking it, or these breaking another rule, still fails.
 */
const SCALAR_ONLY = [
  // The sidebar's entries are <button aria-selected="false">: aria-selected belongs on a tab, option or row.
  { rule: "aria-allowed-attr", exclude: ".t-doc__sidebar button[aria-selected]" },
  // The client-library tabs' role="tablist" also holds the "More" menu button, which is not a tab.
  { rule: "aria-required-children", exclude: ".client-libraries-list" },
  // The sidebar's search button carries role="search", a landmark role, which takes no name from its content
  // (its sr-only "Open Search"), so it has none. (The copy and "More" buttons' names are ours: see route.ts's CSS.)
  { rule: "button-name", exclude: 'button[role="search"]' },
];

const lines = (vs: Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"]) =>
  vs
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}, ${v.nodes.length}): ${v.nodes.slice(0, 4).map((n) => `${n.target.join(" ")} ${n.failureSummary?.split("\n")[1]?.trim() ?? ""}`).join(" | ")}`);

/** Serious and critical findings, one line each with the first offending elements. */
async function seriousFindings(page: Page): Promise<string[]> {
  const rules = [...new Set(SCALAR_ONLY.map((s) => s.rule))];
  const found = lines((await new AxeBuilder({ page }).withTags(TAGS).disableRules(rules).analyze()).violations);
  for (const rule of rules) {
    let axe = new AxeBuilder({ page }).withRules([rule]);
    for (const s of SCALAR_ONLY.filter((x) => x.rule === rule)) axe = axe.exclude(s.exclude);
    found.push(...lines((await axe.analyze()).violations));
  }
  return found;
}

for (const vp of VIEWPORTS) {
  for (const scheme of SCHEMES) {
    test(`docs: axe finds no serious or critical problem on the API reference (${vp.name}, ${scheme})`, async ({ browser }) => {
      test.setTimeout(120_000);
      const page = await pageIn(browser, vp, scheme);
      await page.goto("/docs");
      // The first group (market data) opens on arrival with its operations.
      await expect(page.getByRole("heading", { name: "Quote and about a month of closes" }).first()).toBeVisible({ timeout: 30_000 });
      // Rendered down to the code samples (their copy buttons are the last thing drawn).
      await expect.poll(() => page.locator("button.scalar-code-copy").count()).toBeGreaterThan(0);
      // The reference follows the system theme, as the rest of the site does.
      expect(await page.evaluate(() => document.body.classList.contains("dark-mode"))).toBe(scheme === "dark");
      expect(await seriousFindings(page)).toEqual([]);
      // Every exclusion still matches something: when Scalar fixes one, it comes off the list.
      for (const s of SCALAR_ONLY) {
        // A phone shows the sidebar (and its search) only behind the menu button.
        if (vp.name === "phone" && s.exclude !== ".client-libraries-list") continue;
        expect(await page.locator(s.exclude).count(), s.exclude).toBeGreaterThan(0);
      }
      await page.context().close();
    });
  }
}
