// A person's portfolio in the browser, desktop and phone (390x844), light and dark: made from the header
// link, a trade entered by hand, a CSV with bad rows refused with its line numbers (nothing imported), a good
// CSV imported, the holdings, sector mix and benchmark shown, and the 1-day and 1-week VaR/ES with their
// backtest beside them. axe-core finds no serious or critical violation on the finished page.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { registerThroughForm } from "./support/register";
import { openHeaderMenu } from "./support/header";
import { pageIn, VIEWPORTS, type Scheme, type Viewport } from "./support/views";

const BAD_CSV = ["date,symbol,quantity,price,fees", "2023-02-01,MSFT,4,247.81,1", "2023-02-01,ZZZZ,4,10,1", "2023-06-01,AAPL,-50,180.09,1"].join("\n");
const GOOD_CSV = ["date,symbol,quantity,price,fees", "2023-02-01,MSFT,4,247.81,1", "2023-03-01,JPM,6,139.70,1", "2023-06-01,AAPL,-4,180.09,1"].join("\n");

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

async function upload(page: Page, csv: string) {
  await page.getByLabel("Import a CSV file").setInputFiles({ name: "trades.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Import", exact: true }).click();
}

async function enterTrade(form: Locator, t: { side: "buy" | "sell"; date: string; symbol: string; shares: string; price: string; fees: string }) {
  await form.getByLabel("Trade").selectOption(t.side);
  await form.getByLabel("Date").fill(t.date);
  await form.getByLabel("Symbol").fill(t.symbol);
  await form.getByLabel("Shares").fill(t.shares);
  await form.getByLabel("Price").fill(t.price);
  await form.getByLabel("Fees").fill(t.fees);
  await form.getByRole("button", { name: "Add" }).click();
}

async function portfolioFlow(page: Page, prefix: string) {
  await registerThroughForm(page, { callbackUrl: "/", prefix });
  await openHeaderMenu(page);
  await page.getByRole("link", { name: "Portfolios" }).click();
  await expect(page).toHaveURL(/\/portfolios$/);
  await expect(page.getByTestId("no-portfolios")).toBeVisible();

  await page.getByLabel("New portfolio").fill("Pension");
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByTestId("portfolio-detail")).toHaveAttribute("data-name", "Pension");

  const form = page.getByTestId("trade-form");
  const pill = page.getByTestId("portfolio-list").getByRole("link");
  await expect(pill).toHaveText("Pension empty");
  await enterTrade(form, { side: "buy", date: "2023-01-03", symbol: "aapl", shares: "10", price: "$125.07", fees: "1" });
  await expect(page.getByTestId("trades-error")).toHaveText("Price: type a plain number, like 125.07, without $ or thousands separators.");
  await form.getByLabel("Price").fill("125.07");
  await form.getByRole("button", { name: "Add" }).click();
  await expect(page.getByTestId("trades-done")).toHaveText("Bought 10 AAPL on 2023-01-03.");
  await expect(page.getByTestId("holding-row")).toHaveCount(1);
  // The list of portfolios follows the change without a reload.
  await expect(pill).toHaveText("Pension AAPL");
  // A sale of more than is held is refused in a sentence, and nothing is saved.
  await enterTrade(form, { side: "sell", date: "2023-02-01", symbol: "AAPL", shares: "50", price: "150", fees: "" });
  await expect(page.getByTestId("trades-error")).toHaveText("Sells 50 AAPL on 2023-02-01 but only 10 are held then; nothing was saved.");
  await expect(page.getByTestId("holding-row")).toHaveCount(1);

  // A file with bad rows: every one listed with its line, and nothing imported.
  await upload(page, BAD_CSV);
  await expect(page.getByTestId("import-error-row")).toHaveText(["Line 3: ZZZZ is not a symbol Stock Hub has prices for", "Line 4: sells 50 AAPL on 2023-06-01 but only 10 are held then"]);
  await expect(page.getByTestId("import-errors")).toContainText("nothing was imported");
  await expect(page.getByTestId("holding-row")).toHaveCount(1);

  await upload(page, GOOD_CSV);
  await expect(page.getByTestId("trades-done")).toHaveText("Imported 3 transactions from trades.csv.");
  await expect(page.getByTestId("holding-row")).toHaveCount(3);
  await expect(page.locator('[data-testid="holding-row"][data-symbol="AAPL"] [data-testid="holding-shares"]')).toHaveText("6");
  await expect(page.getByTestId("sector-row")).toHaveCount(2);
  await expect(page.getByTestId("benchmark")).toContainText("From 2023-01-03 to 2024-03-08 the portfolio returned");

  // The risk figures with their backtest (the holdings' volatility models are fitted on the first ask).
  await expect(page.getByTestId("risk-panel")).toBeVisible({ timeout: 240_000 });
  await expect(page.getByTestId("risk-horizon")).toHaveCount(2);
  await expect(page.getByTestId("risk-level")).toHaveCount(4);
  const day99 = page.locator('[data-testid="risk-horizon"][data-horizon="1d"] [data-testid="risk-level"][data-level="0.99"]');
  await expect(day99.getByTestId("risk-var")).toContainText("Value at risk: $");
  await expect(day99.getByTestId("risk-backtest")).toContainText(/Checked on \d+ earlier days with today's weights/);
  await expect(day99.getByTestId("risk-zone")).toHaveText(/^(green|yellow|red)$/);

  // A new name shows in the list of portfolios at once.
  await page.getByLabel("Portfolio name").fill("Retirement");
  await page.getByRole("button", { name: "Rename", exact: true }).click();
  await expect(page.getByTestId("portfolio-done")).toHaveText("Renamed to Retirement.");
  await expect(page.getByTestId("portfolio-list").getByRole("link")).toHaveText(/^Retirement /);
}

for (const vp of VIEWPORTS) {
  test(`make a portfolio, import trades, see its figures and risk (${vp.name})`, async ({ browser }) => {
    test.setTimeout(420_000);
    const page = await pageIn(browser, vp as Viewport, "light");
    await portfolioFlow(page, `pf${vp.name[0]}`);
    const found: Record<Scheme, string[]> = { light: await seriousViolations(page), dark: [] };
    await page.emulateMedia({ colorScheme: "dark" });
    // The page follows the system scheme: reload so every class applies, then wait for the cached figures.
    await page.reload();
    await expect(page.getByTestId("risk-panel")).toBeVisible({ timeout: 60_000 });
    await page.getByText(/^All \d+ transactions$/).click();
    found.dark = await seriousViolations(page);
    expect(found).toEqual({ light: [], dark: [] });
    // Nothing wider than the screen on a phone: the holdings table scrolls inside its own box.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.context().close();
  });
}
