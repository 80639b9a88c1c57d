// Accounts: registration, credential checks and look-ups. Failures never say which part was wrong.
import "server-only";
import { getDb } from "@/lib/db";
import { AppError, conflict } from "@/lib/errors";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./password";
import type { PublicUser, Role } from "./account-schemas";
import { revokeUserSessions } from "./session-epochs";

export type { PublicUser, Role };

type UserRow = { id: string; email: string; username: string; role: string; createdAt: Date };
export const toPublicUser = (u: UserRow): PublicUser => ({
  id: u.id,
  email: u.email,
  username: u.username,
  role: u.role === "admin" ? "admin" : "user",
  createdAt: u.createdAt,
});

const isUniqueViolation = (err: unknown) =>
  typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002";

// The same message for either collision: which of the two exists is not disclosed (see README, "Accounts, API keys and rate limits").
export const REGISTRATION_CONFLICT = "An account with this email or username already exists";
export const INVALID_CREDENTIALS = "Invalid credentials";

export async function registerUser({
  email,
  username,
  password,
  role = "user",
}: {
  email: string;
  username: string;
  password: string;
  role?: Role;
}): Promise<PublicUser> {
  // Hash before touching the table so a taken email costs the same time as a fresh one.
  const passwordHash = await hashPassword({ password });
  const db = await getDb();
  try {
    const user = await db.user.create({ data: { email, username, passwordHash, role } });
    return toPublicUser(user);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(REGISTRATION_CONFLICT);
    throw err;
  }
}

/** Checks a login (email or username) and password; null on any mismatch, after the same bcrypt work. */
export async function authenticate({ login, password }: { login: string; password: string }): Promise<PublicUser | null> {
  const db = await getDb();
  const where = login.includes("@") ? { email: login } : { username: login };
  const user = await db.user.findUnique({ where });
  if (!user) {
    await burnPasswordCheck({ password });
    return null;
  }
  return (await verifyPassword({ password, hash: user.passwordHash })) ? toPublicUser(user) : null;
}

/** Checks the signed-in account's own password (password change, email change, deletion). */
export async function checkOwnPassword({ userId, password }: { userId: string; password: string }): Promise<PublicUser | null> {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) {
    await burnPasswordCheck({ password });
    return null;
  }
  return (await verifyPassword({ password, hash: user.passwordHash })) ? toPublicUser(user) : null;
}

/** What a login attempt is counted against: the account's id when the email or username exists, else the identifier. */
export async function loginAccountKey({ login }: { login: string }): Promise<string> {
  const db = await getDb();
  const where = login.includes("@") ? { email: login } : { username: login };
  const user = await db.user.findUnique({ where, select: { id: true } });
  return user ? `user:${user.id}` : `unknown:${login}`;
}

export async function getUserById({ id }: { id: string }): Promise<PublicUser | null> {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id } });
  return user ? toPublicUser(user) : null;
}

/**
 * Creates the account as admin, or promotes an existing one (matched by email) and resets its password; a reset
 * ends every session and bearer token the account had (API keys stay).
 */
export async function ensureAdmin({
  email,
  username,
  password,
}: {
  email: string;
  username: string;
  password: string;
}): Promise<{ user: PublicUser; created: boolean }> {
  const db = await getDb();
  const existing = await db.user.findUnique({ where: { email } });
  if (existing) {
    const passwordHash = await hashPassword({ password });
    const user = await db.user.update({ where: { id: existing.id }, data: { role: "admin", passwordHash } });
    await revokeUserSessions({ userId: user.id });
    return { user: toPublicUser(user), created: false };
  }
  try {
    return { user: await registerUser({ email, username, password, role: "admin" }), created: true };
  } catch (err) {
    if (err instanceof AppError && err.code === "conflict") {
      throw conflict(`Username "${username}" belongs to another account; choose another with --username`);
    }
    throw err;
  }
}
