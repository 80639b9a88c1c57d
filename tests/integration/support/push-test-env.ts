// Users and helpers shared by the push tests (webhooks, alerts, streams), on the real database.
import { expect } from "vitest";
import * as registerRoutes from "@/app/api/auth/register/route";
import { getDb } from "@/lib/db";
import { resetServicesForTests } from "@/lib/services";
import { call, randomIp, uniqueName } from "../auth/auth-test-env";

export async function registerUser(tag: string, { admin = false } = {}) {
  const username = uniqueName(tag);
  const r = await call(registerRoutes.POST, {
    method: "POST",
    body: { email: `${username}@example.com`, username, password: `violet-kettle-${username.length}-${Date.now()}` },
    headers: { "x-forwarded-for": randomIp() },
  });
  expect(r.status).toBe(201);
  if (admin) await (await getDb()).user.update({ where: { id: r.json.user.id }, data: { role: "admin" } });
  return { id: r.json.user.id as string, auth: { authorization: `Bearer ${r.json.access_token as string}` } };
}

/** Changes one setting for the rest of the test file (or until changed back). */
export function setEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
  void resetServicesForTests({ keep: "all" });
}

export async function waitFor<T>(probe: () => T | Promise<T>, { ms = 10_000, what = "condition" } = {}): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
