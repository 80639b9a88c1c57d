// The public track record on the embedded default (the shipped 2024 data set): it says honestly that nothing is
// scored and why, links to the chain's download and the verifier, is reachable from /predict, fits a phone
// without sideways scrolling, and axe finds no serious or critical violation, light and dark.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { pageIn, SCHEMES, VIEWPORTS } from "./support/views";

for (const vp of VIEWPORTS) {
  for (const scheme of SCHEMES) {
    test(`track record, empty and honest (${vp.name}, ${scheme})`, async ({ browser }) => {
      const page = await pageIn(browser, vp, scheme);
      await page.goto("/predict");
      await page.getByRole("link", { name: "track record" }).click();
      await expect(page).toHaveURL(/\/track-record$/);
      await expect(page.getByRole("heading", { level: 1, name: "Track record" })).toBeVisible();
      const empty = page.getByTestId("track-record-empty");
      await expect(empty).toContainText("No scored forecasts yet.");
      await expect(empty).toContainText("historical data set shipped with Stock Hub, which ends on 2024-03-08");
      await expect(page.getByRole("link", { name: "CSV" })).toHaveAttribute("href", "/api/track-record?limit=1000&format=csv");
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
      expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
      await page.context().close();
    });
  }
}

test("GET /api/track-record answers the empty chain with its genesis head, as JSON and CSV", async ({ request }) => {
  const r = await request.get("/api/track-record");
  expect(r.status()).toBe(200);
  expect(await r.json()).toEqual({ head: { seq: 0, hash: "0".repeat(64) }, counts: { entries: 0, scored: 0, awaiting: 0 }, summary: [], entries: [], nextAfter: null });
  const csv = await request.get("/api/track-record?format=csv");
  expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
  expect((await csv.text()).trim().split("\n")[0]).toBe(
    "seq,recorded_at,symbol,model,version,horizon,origin_date,target_date,origin_close,price,lower_80,upper_80,lower_95,upper_95,lower_99,upper_99,quantiles,source,prev_hash,hash,actual_date,actual_close,inside_80,inside_95,winkler_80,winkler_95,crps,abs_error,naive_abs_error",
  );
});
