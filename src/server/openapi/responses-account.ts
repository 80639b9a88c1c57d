// Response bodies of the account self-service endpoints (password, reset, email, export, deletion, refresh).
import { z } from "zod";
import { refreshedTokenSchema } from "./responses";

const iso = z.string().meta({ description: "ISO 8601 time" });

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
  removed: z.object({ api_keys: z.number().int(), webhooks: z.number().int(), alerts: z.number().int(), watchlists: z.number().int(), portfolios: z.number().int() }),
});
const nullableIso = iso.nullable();
export const accountExportSchema = z
  .object({
    exported_at: iso,
    user: z.object({ id: z.string(), email: z.string(), username: z.string(), role: z.string(), createdAt: iso, updatedAt: iso }),
    api_keys: z.array(
      z.object({ id: z.string(), name: z.string(), tier: z.string(), prefix: z.string(), createdAt: iso, lastUsedAt: nullableIso, usageCount: z.number().int(), revokedAt: nullableIso }),
    ),
    webhooks: z.array(z.object({ id: z.string(), url: z.string(), events: z.array(z.string()), enabled: z.boolean(), disabledReason: z.string().nullable(), createdAt: iso })),
    alerts: z.array(
      z.object({ id: z.string(), symbol: z.string(), type: z.string(), price: z.number().nullable(), percent: z.number().nullable(), active: z.boolean(), lastTriggeredAt: nullableIso, createdAt: iso }),
    ),
    alert_triggers: z.array(z.object({ id: z.string(), alertId: z.string(), symbol: z.string(), session: iso, close: z.number(), message: z.string(), createdAt: iso })),
    watchlists: z.array(z.object({ id: z.string(), name: z.string(), symbols: z.array(z.string()), position: z.number().int(), createdAt: iso, updatedAt: iso })),
    portfolios: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        createdAt: iso,
        updatedAt: iso,
        transactions: z.array(z.object({ date: z.string(), symbol: z.string(), quantity: z.number(), price: z.number(), fees: z.number() })),
      }),
    ),
    predictions: z.array(
      z.object({
        symbol: z.string(),
        model: z.string(),
        horizon: z.number().int(),
        originDate: iso,
        targetDate: iso,
        predictedPrice: z.number(),
        actualPrice: z.number().nullable(),
        createdAt: iso,
      }),
    ),
  })
  .meta({ id: "AccountExport", description: "Webhook signing secrets and key hashes are never exported" });
