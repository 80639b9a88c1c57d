// Email through a real SMTP server in process: while the mail server is down a reset mail stays queued with
// a backoff and is sent exactly once when the server is back (a second sweep sends nothing, and the Message-ID
// is the row's own); with the server up, a reset mail arrives at once and its link sets the password.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as loginRoutes from "@/app/api/auth/login/route";
import * as resetRoutes from "@/app/api/auth/password/reset/route";
import * as resetConfirmRoutes from "@/app/api/auth/password/reset/confirm/route";
import { getDb } from "@/lib/db";
import { MAIL_RETRY_DELAYS_MS, retryDueMail } from "@/server/mail/outbox";
import { call, setUpAuthTestEnv, type AuthTestEnv } from "../auth/auth-test-env";
import { ip, registerAccount } from "../support/account-test-env";
import { waitFor } from "../support/push-test-env";
import { startSmtpServer, unusedPort, type TestSmtpServer } from "../../support/smtp-server";

let env: AuthTestEnv;
let port: number;
let smtp: TestSmtpServer | undefined;
beforeAll(async () => {
  port = await unusedPort();
  env = await setUpAuthTestEnv({
    env: { TRUSTED_PROXY: "1", SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: "Stock Hub <hub@example.org>", APP_URL: "https://hub.example.org" },
  });
});
afterAll(async () => {
  await smtp?.close();
  await env?.teardown();
});

const resetMailOf = async (to: string) => (await getDb()).mailMessage.findFirstOrThrow({ where: { toAddress: to, kind: "password_reset" } });
const requestReset = async (email: string) => expect((await call(resetRoutes.POST, { method: "POST", body: { email }, headers: ip() })).status).toBe(202);

describe("SMTP delivery", () => {
  it("a mail server that is down leaves the reset queued with a backoff; back up, it is sent exactly once", async () => {
    const u = await registerAccount("smtpdown");
    await requestReset(u.email);
    const failed = (await waitFor(async () => {
      const row = await resetMailOf(u.email);
      return row.attempts === 1 ? row : null;
    }, { what: "the first attempt" }))!;
    expect(failed.status).toBe("pending");
    expect(failed.lastError).toMatch(/ECONNREFUSED/);
    const backoff = failed.nextAttemptAt!.getTime() - failed.createdAt.getTime();
    expect(backoff).toBeGreaterThanOrEqual(MAIL_RETRY_DELAYS_MS[0]);
    expect(backoff).toBeLessThan(MAIL_RETRY_DELAYS_MS[0] + 10_000);
    // Not due yet: the sweep leaves it alone.
    expect(await retryDueMail()).toEqual({ attempted: 0, sent: 0 });

    smtp = await startSmtpServer({ port });
    const later = new Date(failed.nextAttemptAt!.getTime() + 1000);
    expect(await retryDueMail({ now: later })).toEqual({ attempted: 1, sent: 1 });
    expect(await retryDueMail({ now: new Date(later.getTime() + 3600_000) })).toEqual({ attempted: 0, sent: 0 });
    const mine = smtp.received.filter((m) => m.to.includes(u.email));
    expect(mine).toHaveLength(1);
    expect(mine[0].from).toBe("hub@example.org");
    expect(mine[0].messageId).toBe(`<${failed.id}@stock-hub>`);
    const sent = await resetMailOf(u.email);
    expect(sent).toMatchObject({ status: "sent", attempts: 2, lastError: null });
  });

  it("with the server up, the reset mail arrives at once and its link sets the new password", async () => {
    smtp ??= await startSmtpServer({ port });
    const u = await registerAccount("smtpup");
    await requestReset(u.email);
    const mail = (await waitFor(() => smtp!.received.find((m) => m.to.includes(u.email)), { what: "the reset mail" }))!;
    expect(mail.subject).toBe("Reset your Stock Hub password");
    const token = /https:\/\/hub\.example\.org\/reset-password\?token=([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    const ok = await call(resetConfirmRoutes.POST, { method: "POST", body: { token, newPassword: "saffron-orbit-candle-3" }, headers: ip() });
    expect(ok.status).toBe(200);
    expect((await call(loginRoutes.POST, { method: "POST", body: { login: u.email, password: "saffron-orbit-candle-3" }, headers: ip() })).status).toBe(200);
    // The notice that the password changed is the second mail to the address.
    await waitFor(() => smtp!.received.filter((m) => m.to.includes(u.email)).length === 2, { what: "the password-changed notice" });
    expect(smtp.received.filter((m) => m.to.includes(u.email)).map((m) => m.subject)).toEqual(["Reset your Stock Hub password", "Your Stock Hub password was changed"]);
  });
});
