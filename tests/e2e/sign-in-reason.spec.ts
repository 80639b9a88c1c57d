// Newcomer walk, 2026-12-07: /alerts signed out landed on "Sign in" without a word about why. Every page that needs
// an account now says so on the sign-in page, in a fixed sentence chosen by a `reason` key, and returns there after.
import { expect, test } from "@playwright/test";
import { registerThroughForm } from "./support/register";

// The pages the proxy guards (account, alerts, watchlists) and those that redirect themselves (the rest).
const PAGES = [
  { path: "/alerts", reason: "alerts", text: "Alerts need an account. Sign in to see and manage your alerts." },
  { path: "/account", reason: "account", text: "Your account settings need you signed in. Sign in to see and change them." },
  { path: "/watchlists", reason: "watchlists", text: "Watchlists of your own need an account. Sign in to see and edit them." },
  { path: "/portfolios", reason: "portfolios", text: "Portfolios need an account. Sign in to see and manage your portfolios." },
  { path: "/notifications", reason: "notifications", text: "Notifications belong to an account. Sign in to see yours." },
  { path: "/admin/mail", reason: "admin", text: "That page needs an account. Sign in to continue." },
];

test("each page that needs an account says why on the sign-in page", async ({ page }) => {
  for (const p of PAGES) {
    await page.goto(p.path);
    await expect(page).toHaveURL(`/login?callbackUrl=${encodeURIComponent(p.path)}&reason=${p.reason}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
    await expect(page.getByTestId("sign-in-reason"), p.path).toHaveText(p.text);
  }
});

test("signed out, /alerts says alerts need an account and returns to /alerts after signing in", async ({ browser, page }) => {
  // The account, made in another browser context; this one has never signed in.
  const other = await browser.newContext();
  const { username, password } = await registerThroughForm(await other.newPage(), { callbackUrl: "/", prefix: "why" });
  await other.close();

  await page.goto("/alerts");
  await expect(page.getByTestId("sign-in-reason")).toHaveText("Alerts need an account. Sign in to see and manage your alerts.");
  const login = page.getByTestId("login-form");
  await login.getByLabel("Email or username").fill(username);
  await login.getByLabel("Password").fill(password);
  await login.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/alerts$/);
  await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
});

test("signed out, /portfolios -> Register says portfolios need an account, and the new account lands on /portfolios", async ({ page }) => {
  await page.goto("/portfolios");
  await page.getByTestId("login-form").getByRole("link", { name: "Register" }).click();
  await expect(page).toHaveURL(`/register?callbackUrl=${encodeURIComponent("/portfolios")}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Create an account");
  await expect(page.getByTestId("sign-in-reason")).toHaveText("Portfolios need an account. Create one and you go straight back to your portfolios.");
  // The same form as every registration, reached here by its link; then straight on to the page.
  const { username } = await registerThroughForm(page, { callbackUrl: "/portfolios", prefix: "regwhy" });
  await expect(page).toHaveURL(/\/portfolios$/);
  await expect(page.getByTestId("signed-in-user")).toContainText(username);
  // Register with no page behind it (the header's link): no sentence.
  await page.context().clearCookies();
  await page.goto("/register");
  await expect(page.getByTestId("register-form")).toBeVisible();
  await expect(page.getByTestId("sign-in-reason")).toHaveCount(0);
});

test("the sign-in page shows only its own sentences, never text from the address", async ({ page }) => {
  for (const reason of ["<b>hacked</b>", "Your password expired, call 555-0100", "toString", "__proto__", "alerts "]) {
    await page.goto(`/login?callbackUrl=%2Falerts&reason=${encodeURIComponent(reason)}`);
    await expect(page.getByTestId("login-form")).toBeVisible();
    await expect(page.getByTestId("sign-in-reason")).toHaveCount(0);
    await expect(page.locator("main")).not.toContainText(reason.trim() === "alerts" ? "Alerts need an account" : reason);
  }
  // Plain /login (the header's link) has no reason either.
  await page.goto("/login");
  await expect(page.getByTestId("login-form")).toBeVisible();
  await expect(page.getByTestId("sign-in-reason")).toHaveCount(0);
});
