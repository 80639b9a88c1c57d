// Account self-service in the browser, desktop and phone: change the password (wrong current one and a
// mismatch explained in words; this browser stays signed in), forgotten password by an emailed link (read from
// a real SMTP server the e2e server sends to), change the email address by its link, delete the account.
import { expect, test, type Page } from "@playwright/test";
import { E2E_SMTP_PORT } from "../../playwright.config";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server";
import { openHeaderMenu } from "./support/header";
import { registerThroughForm } from "./support/register";

let smtp: TestSmtpServer;
test.beforeAll(async () => {
  smtp = await startSmtpServer({ port: E2E_SMTP_PORT });
});
test.afterAll(async () => smtp?.close());

async function linkMailedTo(address: string, subject: string): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(() => {
      const mail = smtp.received.find((m) => m.to.includes(address) && m.subject === subject);
      found = mail ? /https?:\/\/\S+\?token=[A-Za-z0-9_-]+/.exec(mail.text)?.[0] : undefined;
      return Boolean(found);
    }, { timeout: 30_000 })
    .toBe(true);
  const url = new URL(found!);
  return `${url.pathname}${url.search}`;
}

async function fullFlow(page: Page, prefix: string) {
  const { username, password } = await registerThroughForm(page, { callbackUrl: "/account", prefix });
  await expect(page).toHaveURL(/\/account$/);

  // Change the password: mistakes are explained, then it works and this browser stays signed in.
  const pw = page.getByTestId("change-password-form");
  await pw.getByLabel("Current password").fill("not-my-password-1");
  await pw.getByLabel("New password", { exact: true }).fill("cobalt-harbor-lamp-7");
  await pw.getByLabel("Repeat the new password").fill("cobalt-harbor-lamp-8");
  await pw.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByTestId("change-password-error")).toHaveText("The two new passwords are not the same.");
  await pw.getByLabel("Repeat the new password").fill("cobalt-harbor-lamp-7");
  await pw.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByTestId("change-password-error")).toHaveText("Current password: The password is not correct");
  await pw.getByLabel("Current password").fill(password);
  await pw.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByTestId("change-password-done")).toHaveText("Password changed. Every other session and sign-in token has been signed out.");
  await page.reload();
  await expect(page.getByTestId("account-username")).toHaveText(username);

  // Change the email address; it moves when the new address confirms its link.
  const newEmail = `${username}.new@example.org`;
  const em = page.getByTestId("change-email-form");
  await em.getByLabel("New email").fill("not-an-address");
  await em.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.getByTestId("change-email-error")).toHaveText("New email: enter an address like name@example.com.");
  await em.getByLabel("New email").fill(newEmail);
  await em.getByLabel("Password").fill("cobalt-harbor-lamp-7");
  await em.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.getByTestId("change-email-done")).toContainText(`We sent a link to ${newEmail}`);
  await page.goto(await linkMailedTo(newEmail, "Confirm your new Stock Hub email address"));
  await page.getByRole("button", { name: "Confirm new email" }).click();
  await expect(page.getByTestId("confirm-email-done")).toHaveText(`Your account's email address is now ${newEmail}.`);

  // Forgot the password: sign out, ask for a link, set a new password from the mail, sign in with it.
  await page.goto("/account");
  await openHeaderMenu(page);
  await page.getByTestId("sign-out").click();
  await expect(page.getByTestId("user-menu")).toContainText("Sign in");
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  const rq = page.getByTestId("reset-request-form");
  await rq.getByLabel("Email").fill(newEmail);
  await rq.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByTestId("reset-request-done")).toContainText("If an account uses this address");
  await page.goto(await linkMailedTo(newEmail, "Reset your Stock Hub password"));
  const rc = page.getByTestId("reset-confirm-form");
  await rc.getByLabel("New password", { exact: true }).fill("short");
  await rc.getByLabel("Repeat the new password").fill("short");
  await rc.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByTestId("reset-confirm-error")).toHaveText("New password: use at least 10 characters.");
  await rc.getByLabel("New password", { exact: true }).fill("juniper-signal-quay-5");
  await rc.getByLabel("Repeat the new password").fill("juniper-signal-quay-5");
  await rc.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByTestId("reset-confirm-done")).toBeVisible();
  await page.getByRole("link", { name: "Sign in" }).last().click();
  const login = page.getByTestId("login-form");
  await login.getByLabel("Email or username").fill(newEmail);
  await login.getByLabel("Password").fill("juniper-signal-quay-5");
  await login.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);

  // Delete the account: the box must be ticked; afterwards the visitor is signed out and cannot sign in.
  const del = page.getByTestId("delete-account-form");
  await expect(del.getByTestId("export-link")).toHaveAttribute("href", "/api/auth/me/export");
  await del.getByLabel("Password").fill("juniper-signal-quay-5");
  await del.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByTestId("delete-account-error")).toHaveText("Tick the box to confirm you understand that this cannot be undone.");
  await del.getByLabel("I understand that deleting the account cannot be undone.").check();
  await del.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByTestId("user-menu")).toContainText("Sign in");
  await page.goto("/login");
  await login.getByLabel("Email or username").fill(username);
  await login.getByLabel("Password").fill("juniper-signal-quay-5");
  await login.getByRole("button", { name: "Sign in" }).click();
  await expect(login.getByRole("alert")).toHaveText("Invalid credentials.");
}

test.describe("desktop", () => {
  test("change password, change email, reset a forgotten password, delete the account", async ({ page }) => {
    test.setTimeout(180_000);
    await fullFlow(page, "acct");
  });
});

test.describe("phone", () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  test("the same flow at phone width", async ({ page }) => {
    test.setTimeout(180_000);
    await fullFlow(page, "acctp");
  });
});
