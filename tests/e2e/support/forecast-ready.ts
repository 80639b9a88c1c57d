// The stock page's forecast with every configured model: the baseline shows at once, so "a result is
// visible" is not enough; ask for the models when the page offers it and wait for the complete stage.
import { expect, type Page } from "@playwright/test";

export async function showTrainedForecast(page: Page, symbol: string): Promise<void> {
  const section = page.getByTestId("forecast-section");
  const train = section.getByRole("button", { name: new RegExp(`^Train models for ${symbol}`) });
  const result = section.getByTestId("forecast-result");
  await expect(result).toBeVisible({ timeout: 60_000 });
  // Either the models are in, or the page offers to train them (a job already running shows its progress
  // and ends complete without a button).
  await expect
    .poll(async () => (await result.getAttribute("data-stage")) === "complete" || (await train.isVisible()), { timeout: 180_000 })
    .toBe(true);
  if (await train.isVisible()) await train.click();
  await expect(result).toHaveAttribute("data-stage", "complete", { timeout: 180_000 });
}
