// API keys: `sk_` + 32 random bytes (base64url). Only the sha256 hash and a display prefix are stored;
// the full key is returned once, at creation.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { cache } from "@/lib/cache";
import { getDb } from "@/lib/db";
import { createWithinCap } from "@/lib/db/account-cap";
import { conflict, forbidden, notFound } from "@/lib/errors";
import type { ApiKeyTier, ApiKeyView } from "./account-schemas";
import { flushKeyUsage, recordKeyUse } from "./key-usage";
import type { PublicUser, Role } from "./users";
import { toPublicUser } from "./users";

export const API_KEY_PATTERN = /^sk_[A-Za-z0-9_-]{43}$/;
export const API_KEY_PREFIX_LENGTH = 12;
export const MAX_ACTIVE_KEYS_PER_USER = 25;

export type { ApiKeyView };

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
  // Tiers above default change what a key may do and how much: an admin grants them (setKeyTier).
  if (tier !== "default" && role !== "admin") throw forbidden("Only an admin can grant a key a tier above default");
  const { key, prefix, keyHash } = generateApiKey();
  const row = await createWithinCap({
    userId,
    cap: MAX_ACTIVE_KEYS_PER_USER,
    held: (tx) => tx.apiKey.count({ where: { userId, revokedAt: null } }),
    refusal: () => `At most ${MAX_ACTIVE_KEYS_PER_USER} active keys per account; revoke one first`,
    create: (tx) => tx.apiKey.create({ data: { userId, name, tier, prefix, keyHash } }),
  });
  return { key, apiKey: toView(row) };
}

export async function listApiKeys({ userId }: { userId: string }): Promise<ApiKeyView[]> {
  await flushKeyUsage();
  const db = await getDb();
  const rows = await db.apiKey.findMany({ where: { userId }, orderBy: [{ revokedAt: "desc" }, { createdAt: "desc" }] });
  // Active keys first, newest first; Postgres sorts NULLs first on DESC, which is what puts active keys on top.
  return rows.map(toView);
}

// A resolved key is believed for this long; revocation and tier changes drop the entry at once.
const KEY_CACHE_TTL_SEC = 30;
const keyCacheKey = (keyHash: string) => `auth:api-key:${keyHash}`;
const forgetKey = (keyHash: string) => cache.del(keyCacheKey(keyHash));

export async function revokeApiKey({ userId, id }: { userId: string; id: string }): Promise<ApiKeyView> {
  const db = await getDb();
  const row = await db.apiKey.findFirst({ where: { id, userId } });
  if (!row) throw notFound("API key not found");
  if (row.revokedAt) return toView(row);
  const updated = await db.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
  await forgetKey(row.keyHash);
  return toView(updated);
}

/** Admin: sets the tier of any active key. */
export async function setKeyTier({ id, tier }: { id: string; tier: ApiKeyTier }): Promise<ApiKeyView> {
  const db = await getDb();
  const row = await db.apiKey.findUnique({ where: { id }, include: { user: true } });
  if (!row) throw notFound("API key not found");
  if (row.revokedAt) throw conflict("This key is revoked; its tier can no longer change");
  if (tier === "admin" && row.user.role !== "admin") throw conflict("Only an admin's key can have the admin tier");
  const updated = await db.apiKey.update({ where: { id }, data: { tier } });
  await forgetKey(row.keyHash);
  return toView(updated);
}

/** Admin: the keys of the account with this email or username. */
export async function listKeysOfAccount({ login }: { login: string }): Promise<{ user: PublicUser; keys: ApiKeyView[] } | null> {
  const db = await getDb();
  const user = await db.user.findFirst({ where: { OR: [{ email: login }, { username: login }] } });
  if (!user) return null;
  return { user: toPublicUser(user), keys: await listApiKeys({ userId: user.id }) };
}

export interface ActiveKey {
  apiKeyId: string;
  tier: ApiKeyTier;
  userId: string;
  role: Role;
}

/**
 * The active key and its owner's role, from the cache when it was resolved recently, and its use counted
 * (written in batches). An admin-tier key whose owner is no longer an admin falls back to the default tier.
 */
export async function useApiKey({ key }: { key: string }): Promise<ActiveKey | null> {
  if (!API_KEY_PATTERN.test(key)) return null;
  const keyHash = hashApiKey(key);
  const { value } = await cache.getOrSet<ActiveKey | null>(keyCacheKey(keyHash), { ttlSec: KEY_CACHE_TTL_SEC }, async () => {
    const db = await getDb();
    const row = await db.apiKey.findFirst({ where: { keyHash, revokedAt: null }, include: { user: { select: { role: true } } } });
    if (!row) return null;
    const role: Role = row.user.role === "admin" ? "admin" : "user";
    const tier = toView(row).tier;
    return { apiKeyId: row.id, userId: row.userId, role, tier: tier === "admin" && role !== "admin" ? "default" : tier };
  });
  if (value) recordKeyUse({ apiKeyId: value.apiKeyId });
  return value;
}
