// Accounts end to end: protected page -> login redirect; register -> sign in -> account page -> create a key
// -> call /api/auth/me with it -> revoke -> the same call is 401. Also: the CSP lets the pages run.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";

test("an anonymous visitor to /account is sent to /login and back after signing in", async ({ page }) => {
  const res = await page.goto("/account");
  expect(res?.status()).toBe(200);
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount&reason=account$/);
  await expect(page.getByTestId("login-form")).toBeVisible();
});

test("register, sign in, create a key, use it, revoke it", async ({ page, request, context }) => {
  const cspErrors: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (load|execute|connect|apply)/i.test(m.text())) cspErrors.push(m.text());
  });

  const username = `e2e_${randomBytes(4).toString("hex")}`;
  const email = `${username}@example.com`;
  const password = `violet-kettle-${randomBytes(3).toString("hex")}`;

  // Register (signs in straight away) and land on the account page.
  await page.goto("/register?callbackUrl=%2Faccount");
  const form = page.getByTestId("register-form");
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="username"]').fill(username);
  await form.locator('input[name="password"]').fill(password);
  await form.locator('input[name="confirm"]').fill(password);
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("account-username")).toHaveText(username);
  await expect(page.getByTestId("signed-in-user")).toContainText(username);

  // Sign out from the header, then sign in again through the redirect.
  await page.getByTestId("sign-out").click();
  await expect(page.getByTestId("user-menu")).toContainText("Sign in");
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount&reason=account$/);
  const login = page.getByTestId("login-form");
  await login.getByLabel("Email or username").fill(username);
  await login.getByLabel("Password").fill("not-my-password-1");
  await login.getByRole("button", { name: "Sign in" }).click();
  await expect(login.getByRole("alert")).toHaveText("Invalid credentials.");
  await login.getByLabel("Password").fill(password);
  await login.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("signed-in-user")).toContainText(username);

  // Create a key; it is shown once.
  await page.getByTestId("create-key-form").getByLabel("Key name").fill("e2e key");
  await page.getByTestId("create-key-form").getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-key-value").innerText()).trim();
  expect(key).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
  const row = page.locator('[data-testid="key-row"][data-key-name="e2e key"]');
  await expect(row).toContainText(key.slice(0, 12));
  await expect(row.getByTestId("key-usage")).toHaveText("0");

  // Use it from a client without the browser's cookies.
  const me = await request.get("/api/auth/me", { headers: { "X-API-Key": key } });
  expect(me.status()).toBe(200);
  const body = await me.json();
  expect(body).toMatchObject({ via: "api_key", tier: "default", user: { username, email } });
  expect(me.headers()["x-ratelimit-limit"]).toBe("100");
  expect(me.headers()["x-ratelimit-remaining"]).toBe("99");
  const bearer = await request.get("/api/auth/me", { headers: { Authorization: `Bearer ${key}` } });
  expect(bearer.status()).toBe(200);

  await page.reload();
  await expect(row.getByTestId("key-usage")).toHaveText("2");
  await expect(page.getByTestId("new-key-value")).toHaveCount(0);

  // Revoke: the same call is now refused.
  await row.getByTestId("revoke-key").click();
  await expect(row.getByTestId("key-revoked")).toBeVisible();
  const after = await request.get("/api/auth/me", { headers: { "X-API-Key": key } });
  expect(after.status()).toBe(401);
  expect((await after.json()).error.code).toBe("unauthorized");

  // The security headers are on the page, and nothing the app needed was blocked by them.
  const home = await page.goto("/");
  const headers = home!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  await expect(page.getByTestId("signed-in-user")).toContainText(username);
  await page.goto("/stock/AAPL");
  await expect(page.getByTestId("price-chart").locator("canvas").first()).toBeVisible();
  expect(cspErrors).toEqual([]);
  await context.clearCookies();
});
