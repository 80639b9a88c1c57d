// Accounts for the self-service tests: registered through the route, with their password and tokens, and
// the links the app mailed them read back from the outbox table.
import { expect } from "vitest";
import { encode } from "next-auth/jwt";
import * as registerRoutes from "@/app/api/auth/register/route";
import { getEnv } from "@/env";
import { getDb } from "@/lib/db";
import { call, randomIp, uniqueName } from "../auth/auth-test-env";

export const ip = () => ({ "x-forwarded-for": randomIp() });
export const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

export async function registerAccount(tag: string) {
  const username = uniqueName(tag);
  const email = `${username}@example.com`;
  const password = `violet-kettle-${Date.now()}-${username.length}`;
  const r = await call(registerRoutes.POST, { method: "POST", body: { email, username, password }, headers: ip() });
  expect(r.status).toBe(201);
  return { id: r.json.user.id as string, username, email, password, token: r.json.access_token as string, refresh: r.json.refresh_token as string };
}

/** A browser session cookie as next-auth issues it at sign-in (at session epoch `sv`). */
export async function sessionCookie({ userId, sv = 0 }: { userId: string; sv?: number }): Promise<string> {
  return `next-auth.session-token=${await encode({ token: { sub: userId, role: "user", sv }, secret: getEnv().secrets.nextAuth })}`;
}

/** The newest mail to `to` of `kind`, and the token of the link in it. */
export async function lastMail({ to, kind }: { to: string; kind: string }) {
  const row = await (await getDb()).mailMessage.findFirst({ where: { toAddress: to, kind }, orderBy: { createdAt: "desc" } });
  const token = row ? /token=([A-Za-z0-9_-]+)/.exec(row.text)?.[1] ?? null : null;
  return { row, token };
}
