// API keys: `sk_` + 32 random bytes (base64url). Only the sha256 hash and a display prefix are stored;
// the full key is returned once, at creation.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { getDb, Prisma } from "@/lib/db";
import { conflict, forbidden, notFound } from "@/lib/errors";
import type { ApiKeyTier } from "./schemas";
import type { PublicUser, Role } from "./users";
import { toPublicUser } from "./users";

export const API_KEY_PATTERN = /^sk_[A-Za-z0-9_-]{43}$/;
export const API_KEY_PREFIX_LENGTH = 12;
export const MAX_ACTIVE_KEYS_PER_USER = 25;

export interface ApiKeyView {
  id: string;
  name: string;
  tier: ApiKeyTier;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  usageCount: number;
  revokedAt: Date | null;
}

type KeyRow = Omit<ApiKeyView, "tier"> & { tier: string };
const toView = (k: KeyRow): ApiKeyView => ({
  id: k.id,
  name: k.name,
  tier: k.tier === "premium" || k.tier === "admin" ? k.tier : "default",
  prefix: k.prefix,
  createdAt: k.createdAt,
  lastUsedAt: k.lastUsedAt,
  usageCount: k.usageCount,
  revokedAt: k.revokedAt,
});

export const hashApiKey = (key: string) => createHash("sha256").update(key).digest("hex");

export function generateApiKey(): { key: string; prefix: string; keyHash: string } {
  const key = `sk_${randomBytes(32).toString("base64url")}`;
  return { key, prefix: key.slice(0, API_KEY_PREFIX_LENGTH), keyHash: hashApiKey(key) };
}

export async function createApiKey({
  userId,
  role,
  name,
  tier,
}: {
  userId: string;
  role: Role;
  name: string;
  tier: ApiKeyTier;
}): Promise<{ key: string; apiKey: ApiKeyView }> {
  if (tier === "admin" && role !== "admin") throw forbidden("Only admins can create admin-tier keys");
  const db = await getDb();
  const active = await db.apiKey.count({ where: { userId, revokedAt: null } });
  if (active >= MAX_ACTIVE_KEYS_PER_USER) {
    throw conflict(`At most ${MAX_ACTIVE_KEYS_PER_USER} active keys per account; revoke one first`);
  }
  const { key, prefix, keyHash } = generateApiKey();
  const row = await db.apiKey.create({ data: { userId, name, tier, prefix, keyHash } });
  return { key, apiKey: toView(row) };
}

export async function listApiKeys({ userId }: { userId: string }): Promise<ApiKeyView[]> {
  const db = await getDb();
  const rows = await db.apiKey.findMany({ where: { userId }, orderBy: [{ revokedAt: "desc" }, { createdAt: "desc" }] });
  // Active keys first, newest first; Postgres sorts NULLs first on DESC, which is what puts active keys on top.
  return rows.map(toView);
}

export async function revokeApiKey({ userId, id }: { userId: string; id: string }): Promise<ApiKeyView> {
  const db = await getDb();
  const row = await db.apiKey.findFirst({ where: { id, userId } });
  if (!row) throw notFound("API key not found");
  if (row.revokedAt) return toView(row);
  return toView(await db.apiKey.update({ where: { id }, data: { revokedAt: new Date() } }));
}

/**
 * Finds the active key and its owner, and records the use. An admin-tier key whose owner is no longer an
 * admin falls back to the default tier.
 */
export async function useApiKey({ key }: { key: string }): Promise<{ apiKey: ApiKeyView; user: PublicUser } | null> {
  if (!API_KEY_PATTERN.test(key)) return null;
  const db = await getDb();
  // No separate read on every keyed request: the update itself finds the active key, records the use and loads its owner.
  const row = await db.apiKey
    .update({
      where: { keyHash: hashApiKey(key), revokedAt: null },
      data: { lastUsedAt: new Date(), usageCount: { increment: 1 } },
      include: { user: true },
    })
    .catch((err: unknown) => {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2025") return null;
      throw err;
    });
  if (!row) return null;
  const user = toPublicUser(row.user);
  const apiKey = toView(row);
  if (apiKey.tier === "admin" && user.role !== "admin") apiKey.tier = "default";
  return { apiKey, user };
}
