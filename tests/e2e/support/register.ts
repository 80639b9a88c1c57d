// Registers a fresh account through the form (from /register?callbackUrl=...) and waits until the header
// shows it signed in, so the next page load carries the session.
import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";

export async function registerThroughForm(page: Page, { callbackUrl, prefix }: { callbackUrl: string; prefix: string }): Promise<{ username: string; password: string }> {
  const username = `e2e_${prefix}_${randomBytes(4).toString("hex")}`;
  const password = `amber-teapot-${randomBytes(3).toString("hex")}`;
  await page.goto(`/register?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  const form = page.getByTestId("register-form");
  await form.locator('input[name="email"]').fill(`${username}@example.com`);
  await form.locator('input[name="username"]').fill(username);
  await form.locator('input[name="password"]').fill(password);
  await form.locator('input[name="confirm"]').fill(password);
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-user")).toContainText(username);
  return { username, password };
}
