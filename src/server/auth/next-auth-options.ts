// next-auth v4 configuration: credentials provider, JWT sessions, our own /login page.
import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "@/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { authIpLimit, consume, consumeLoginAttempt } from "./rate-limit-policy";
import { isCurrentEpoch, sessionEpoch } from "./session-epochs";
import { loginBodySchema } from "./schemas";
import { authenticate, loginAccountKey } from "./users";

// Thrown by the jwt callback for a cookie whose sessions were revoked: next-auth then clears the cookie.
const SESSION_REVOKED = "Session revoked";

/** The error code the login form shows as "too many attempts". */
export const RATE_LIMITED_SIGNIN_ERROR = "RateLimited";

type RawHeaders = Record<string, string | string[] | undefined> | undefined;
const headerSource = (raw: RawHeaders) => ({
  get: (name: string) => {
    const v = raw?.[name.toLowerCase()];
    return Array.isArray(v) ? v.join(", ") : (v ?? null);
  },
});

// next-auth warns about a missing NEXTAUTH_URL on every request; once is enough (we never use its redirects).
const warned = new Set<string>();
const nextAuthLogger: AuthOptions["logger"] = {
  error: (code, metadata) => {
    // Not an error: a revoked session (password reset or change) being cleared from the browser.
    if (code === "JWT_SESSION_ERROR" && (metadata as { message?: unknown })?.message === SESSION_REVOKED) return logger.info("revoked session cleared");
    logger.error("next-auth error", { code, metadata });
  },
  warn: (code) => {
    if (warned.has(code)) return;
    warned.add(code);
    logger.warn("next-auth warning", { code });
  },
  debug: () => undefined,
};

export function getAuthOptions(): AuthOptions {
  const env = getEnv();
  return {
    secret: env.secrets.nextAuth,
    logger: nextAuthLogger,
    session: { strategy: "jwt", maxAge: env.ACCESS_TOKEN_EXPIRE_MINUTES * 60 },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email or username",
        credentials: {
          login: { label: "Email or username", type: "text" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, req) {
          const parsed = loginBodySchema.safeParse({ login: credentials?.login, password: credentials?.password });
          if (!parsed.success) return null;
          try {
            await consume(authIpLimit({ headers: headerSource(req?.headers as RawHeaders) }));
            await consumeLoginAttempt({ accountKey: await loginAccountKey({ login: parsed.data.login }), headers: headerSource(req?.headers as RawHeaders) });
          } catch (err) {
            if (err instanceof AppError && err.code === "rate_limited") throw new Error(RATE_LIMITED_SIGNIN_ERROR);
            throw err;
          }
          const user = await authenticate(parsed.data);
          return user ? { id: user.id, email: user.email, name: user.username, role: user.role } : null;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.role = (user as { role?: string }).role === "admin" ? "admin" : "user";
          token.username = user.name ?? undefined;
          token.sv = await sessionEpoch({ userId: user.id });
        } else if (token.sub && !(await isCurrentEpoch({ userId: token.sub, epoch: token.sv }))) {
          throw new Error(SESSION_REVOKED);
        }
        return token;
      },
      session({ session, token }) {
        session.user = {
          id: token.sub ?? "",
          email: token.email ?? null,
          name: (token.username as string | undefined) ?? token.name ?? null,
          role: token.role === "admin" ? "admin" : "user",
        };
        return session;
      },
    },
  };
}
