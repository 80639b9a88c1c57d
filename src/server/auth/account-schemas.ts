// Response bodies of the account endpoints (sign-in, tokens, API keys, password, reset, email, export,
// deletion): the OpenAPI document renders them and the auth types and service functions are typed by them.
// Times the database holds as Dates are jsonDate (z.output a Date, z.input the body's ISO string). No
// server-only import: client components take the wire types (z.input) from here.
import { z } from "zod";
import { jsonDate } from "@/lib/json-date";

export const API_KEY_TIERS = ["default", "premium", "admin"] as const;
export type ApiKeyTier = (typeof API_KEY_TIERS)[number];

const isoStamp = z.string().meta({ description: "ISO 8601 date or timestamp" });
const stampDate = jsonDate.meta({ description: "ISO 8601 date or timestamp" });
const role = z.enum(["user", "admin"]);
export const publicUserSchema = z.object({ id: z.string(), email: z.string(), username: z.string(), role, createdAt: stampDate }).meta({ id: "User" });
const tokenFields = {
  access_token: z.string(),
  token_type: z.literal("bearer"),
  expires_at: isoStamp,
  refresh_token: z.string().meta({ description: "Single use: POST /api/auth/refresh returns the next one. Using one twice revokes every token of that sign-in" }),
  refresh_expires_at: isoStamp,
};
export const tokenSchema = z.object({ user: publicUserSchema, ...tokenFields }).meta({ id: "Token" });
export const refreshedTokenSchema = z.object(tokenFields).meta({ id: "RefreshedToken" });
const tier = z.enum(API_KEY_TIERS);
const meFields = {
  user: publicUserSchema.nullable(),
  role,
  via: z.enum(["session", "jwt", "api_key", "admin_key"]),
  api_key_id: z.string().optional().meta({ description: "With an API key: its id" }),
  tier: tier.optional().meta({ description: "With an API key: its rate-limit tier" }),
};
export const meSchema = z.object(meFields);
export const verifySchema = z.object({ valid: z.literal(true), ...meFields });
export const logoutSchema = z.object({
  revoked_token: z.boolean(),
  revoked_refresh_token: z.boolean().optional().meta({ description: "With refresh_token in the body: whether it was known (its whole sign-in is revoked)" }),
});
export const apiKeyViewSchema = z
  .object({ id: z.string(), name: z.string(), tier, prefix: z.string(), createdAt: stampDate, lastUsedAt: stampDate.nullable(), usageCount: z.number().int(), revokedAt: stampDate.nullable() })
  .meta({ id: "ApiKey" });
export const keyListSchema = z.object({ keys: z.array(apiKeyViewSchema) });
export const createdKeySchema = z.object({ key: z.string().meta({ description: "The full key; shown only in this response" }), apiKey: apiKeyViewSchema });
export const revokedKeySchema = z.object({ apiKey: apiKeyViewSchema });
export const accountKeysSchema = z.object({ user: publicUserSchema, keys: z.array(apiKeyViewSchema) });

export type Role = z.output<typeof role>;
export type PublicUser = z.output<typeof publicUserSchema>;
export type TokenResponse = z.output<typeof refreshedTokenSchema>;
export type Me = z.output<typeof meSchema>;
export type ApiKeyView = z.output<typeof apiKeyViewSchema>;
export type TokenWithUser = z.output<typeof tokenSchema>;
export type Logout = z.output<typeof logoutSchema>;
export type KeyList = z.output<typeof keyListSchema>;
export type CreatedKey = z.output<typeof createdKeySchema>;
export type RevokedKey = z.output<typeof revokedKeySchema>;
export type AccountKeys = z.output<typeof accountKeysSchema>;

const iso = z.string().meta({ description: "ISO 8601 time" });
const isoDate = jsonDate.meta({ description: "ISO 8601 time" });

export const passwordChangedSchema = refreshedTokenSchema
  .extend({
    changed: z.literal(true),
    revoked_refresh_tokens: z.number().int().meta({ description: "Refresh tokens signed out (every earlier access token and session is refused too)" }),
  })
  .meta({ id: "PasswordChanged" });
export const resetAcceptedSchema = z.object({ accepted: z.literal(true), message: z.string() }).meta({ id: "ResetAccepted" });
export const resetDoneSchema = z.object({ reset: z.literal(true) });
export const emailChangeSchema = z.object({ pending_email: z.string(), expires_at: iso });
export const emailConfirmedSchema = z.object({ email: z.string() });
export const accountDeletedSchema = z.object({
  deleted: z.literal(true),
  removed: z.object({
    api_keys: z.number().int(),
    webhooks: z.number().int(),
    alerts: z.number().int(),
    notifications: z.number().int(),
    watchlists: z.number().int(),
    portfolios: z.number().int(),
  }),
});
const nullableIso = isoDate.nullable();
export const accountExportSchema = z
  .object({
    exported_at: iso,
    user: z.object({ id: z.string(), email: z.string(), username: z.string(), role: z.string(), createdAt: isoDate, updatedAt: isoDate }),
    api_keys: z.array(
      z.object({ id: z.string(), name: z.string(), tier: z.string(), prefix: z.string(), createdAt: isoDate, lastUsedAt: nullableIso, usageCount: z.number().int(), revokedAt: nullableIso }),
    ),
    webhooks: z.array(z.object({ id: z.string(), url: z.string(), events: z.array(z.string()), enabled: z.boolean(), disabledReason: z.string().nullable(), createdAt: isoDate })),
    alerts: z.array(
      z.object({
        id: z.string(),
        symbol: z.string(),
        type: z.string(),
        price: z.number().nullable(),
        percent: z.number().nullable(),
        channels: z.array(z.string()),
        active: z.boolean(),
        armed: z.boolean(),
        lastTriggeredAt: nullableIso,
        createdAt: isoDate,
      }),
    ),
    alert_triggers: z.array(z.object({ id: z.string(), alertId: z.string(), symbol: z.string(), session: isoDate, close: z.number(), message: z.string(), createdAt: isoDate })),
    notifications: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        title: z.string(),
        body: z.string(),
        symbol: z.string().nullable(),
        link: z.string().nullable(),
        alertId: z.string().nullable(),
        readAt: nullableIso,
        createdAt: isoDate,
      }),
    ),
    notification_settings: z.object({ quietHours: z.object({ start: z.string(), end: z.string(), timeZone: z.string() }).nullable() }),
    watchlists: z.array(z.object({ id: z.string(), name: z.string(), symbols: z.array(z.string()), position: z.number().int(), createdAt: isoDate, updatedAt: isoDate })),
    portfolios: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        createdAt: isoDate,
        updatedAt: isoDate,
        transactions: z.array(z.object({ date: z.string(), symbol: z.string(), quantity: z.number(), price: z.number(), fees: z.number() })),
      }),
    ),
    predictions: z.array(
      z.object({
        symbol: z.string(),
        model: z.string(),
        horizon: z.number().int(),
        originDate: isoDate,
        targetDate: isoDate,
        predictedPrice: z.number(),
        actualPrice: z.number().nullable(),
        createdAt: isoDate,
      }),
    ),
  })
  .meta({ id: "AccountExport", description: "Webhook signing secrets and key hashes are never exported" });

export type PasswordChanged = z.output<typeof passwordChangedSchema>;
export type EmailChange = z.output<typeof emailChangeSchema>;
export type EmailConfirmed = z.output<typeof emailConfirmedSchema>;
export type ResetAccepted = z.output<typeof resetAcceptedSchema>;
export type ResetDone = z.output<typeof resetDoneSchema>;
export type AccountDeleted = z.output<typeof accountDeletedSchema>;
export type AccountExport = z.output<typeof accountExportSchema>;
