// The operator's mail and reset commands in a real CLI process on the test database: `reset-password` prints a
// single-use link (and queues the same link as mail), `mail --json` shows the outbox, and the printed link
// sets the password through the API.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as loginRoutes from "@/app/api/auth/login/route";
import * as meRoutes from "@/app/api/auth/me/route";
import * as resetConfirmRoutes from "@/app/api/auth/password/reset/confirm/route";
import { resetServicesForTests } from "@/lib/services";
import { call, setUpAuthTestEnv, type AuthTestEnv } from "../auth/auth-test-env";
import { bearer, ip, registerAccount } from "../support/account-test-env";

const run = promisify(execFile);
let env: AuthTestEnv;
beforeAll(async () => {
  env = await setUpAuthTestEnv({ env: { TRUSTED_PROXY: "1", APP_URL: "https://hub.example.org", PORT: "1" } });
});
afterAll(async () => env?.teardown());

async function cli(...args: string[]) {
  // The embedded database is a folder only one process may hold: the test lets go of it first.
  await resetServicesForTests();
  try {
    const r = await run("npx", ["tsx", "--conditions=react-server", "scripts/cli.ts", ...args], { env: process.env, timeout: 180_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const SLOW = 600_000;

describe("npm run cli -- reset-password / mail", () => {
  it(
    "prints a reset link that works once, signs the account out with --sign-out, and lists the mail",
    async () => {
      const u = await registerAccount("clirst");
      const issued = await cli("reset-password", u.email.toUpperCase(), "--sign-out", "--json");
      expect(issued.code).toBe(0);
      const out = JSON.parse(issued.stdout);
      expect(out).toMatchObject({ email: u.email, signed_out: true });
      expect(out.link).toMatch(/^https:\/\/hub\.example\.org\/reset-password\?token=[A-Za-z0-9_-]{43}$/);
      expect((await call(meRoutes.GET, { headers: bearer(u.token) })).status).toBe(401);

      const mail = await cli("mail", "--status", "outbox", "--json");
      expect(mail.code).toBe(0);
      const messages = JSON.parse(mail.stdout).messages as { to: string; text: string; kind: string; status: string }[];
      const mine = messages.filter((m) => m.to === u.email);
      expect(mine.map((m) => m.kind)).toEqual(["password_reset"]);
      expect(mine[0].text).toContain(out.link);

      const token = new URL(out.link).searchParams.get("token");
      expect((await call(resetConfirmRoutes.POST, { method: "POST", body: { token, newPassword: "quartz-willow-signal-2" }, headers: ip() })).status).toBe(200);
      expect((await call(loginRoutes.POST, { method: "POST", body: { login: u.email, password: "quartz-willow-signal-2" }, headers: ip() })).status).toBe(200);

      const unknown = await cli("reset-password", "nobody-here@example.com");
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain("No account uses nobody-here@example.com");
    },
    SLOW,
  );
});
