// next-auth v4 configuration: credentials provider, JWT sessions, our own /login page.
import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "@/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { authIpLimit, consume, consumeLoginAttempt } from "./rate-limit-policy";
import { loginBodySchema } from "./schemas";
import { authenticate, loginAccountKey } from "./users";

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
  error: (code, metadata) => logger.error("next-auth error", { code, metadata }),
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
          const found = await authenticate(parsed.data);
          if (!found) return null;
          const { user, tokenVersion } = found;
          return { id: user.id, email: user.email, name: user.username, role: user.role, tokenVersion };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.role = (user as { role?: string }).role === "admin" ? "admin" : "user";
          token.username = user.name ?? undefined;
          token.tv = (user as { tokenVersion?: number }).tokenVersion ?? 0;
        }
        return token;
      },
      session({ session, token }) {
        session.user = {
          id: token.sub ?? "",
          email: token.email ?? null,
          name: (token.username as string | undefined) ?? token.name ?? null,
          role: token.role === "admin" ? "admin" : "user",
          tokenVersion: token.tv ?? 0,
        };
        return session;
      },
    },
  };
}
