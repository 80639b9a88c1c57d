// Request bodies of the auth and key endpoints (strict objects: unknown fields are a 400, not ignored), and
// the response bodies of the sign-in, token and key endpoints.
import { z } from "zod";
import { jsonDate } from "@/lib/json-date";
import { passwordSchema } from "./password";

export const emailSchema = z
  .string()
  .trim()
  .max(254, "Email must be at most 254 characters")
  .toLowerCase()
  .pipe(z.email("Invalid email address"));

// Lower-cased so "Alice" cannot register beside "alice" and impersonate her.
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_-]{3,32}$/, "Username must be 3-32 letters, digits, '_' or '-'");

export const registerBodySchema = z
  .strictObject({ email: emailSchema, username: usernameSchema, password: passwordSchema })
  .refine((b) => !b.password.toLowerCase().includes(b.username), {
    message: "Password must not contain the username",
    path: ["password"],
  });

// NUL and other control characters cannot be stored and are never part of a name: refused, not sent to the database.
const noControl = (s: string) => !/[\u0000-\u001f\u007f\p{Cs}]/u.test(s);
const loginIdentifier = z.string().trim().toLowerCase().min(1).max(254).refine(noControl, "Must not contain control characters");
/** `login` takes an email or a username; `email` and `username` are accepted as aliases. */
export const loginBodySchema = z
  .strictObject({
    login: loginIdentifier.optional(),
    email: loginIdentifier.optional(),
    username: loginIdentifier.optional(),
    password: z.string().min(1).max(1024).refine((p) => !p.includes("\u0000"), "Must not contain NUL"),
  })
  .refine((b) => [b.login, b.email, b.username].filter((v) => v !== undefined).length === 1, {
    message: "Give exactly one of login, email or username",
  })
  .transform((b) => ({ login: (b.login ?? b.email ?? b.username) as string, password: b.password }));

export const API_KEY_TIERS = ["default", "premium", "admin"] as const;
export type ApiKeyTier = (typeof API_KEY_TIERS)[number];

export const createKeyBodySchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, "Name is required")
    .max(64, "Name must be at most 64 characters")
    .regex(/^[\p{L}\p{N} ._-]+$/u, "Name may contain letters, digits, spaces, '.', '_' and '-'"),
  tier: z.enum(API_KEY_TIERS).default("default"),
});

export const keyIdParamsSchema = z.strictObject({ id: z.string().regex(/^[a-z0-9]{20,40}$/, "Invalid key id") });

export const setKeyTierBodySchema = z.strictObject({ tier: z.enum(API_KEY_TIERS) });
export const accountKeysQuerySchema = z.strictObject({ login: z.string().trim().toLowerCase().min(1).max(254) });

// Account self-service. A password being checked (not set) only needs to be a plausible string.
const givenPassword = (field: string) =>
  z.string().min(1, `${field} is required`).max(1024, `${field} is too long`);
// Tokens from emailed links: 32 random bytes in base64url.
const linkToken = z
  .string()
  .regex(/^[A-Za-z0-9_-]{40,60}$/, "The link is incomplete or altered; open it from the email again, or ask for a new one");

export const changePasswordBodySchema = z.strictObject({ currentPassword: givenPassword("Current password"), newPassword: passwordSchema });
export const resetRequestBodySchema = z.strictObject({ email: emailSchema });
export const resetConfirmBodySchema = z.strictObject({ token: linkToken, newPassword: passwordSchema });
export const emailChangeBodySchema = z.strictObject({ newEmail: emailSchema, password: givenPassword("Password") });
export const emailConfirmBodySchema = z.strictObject({ token: linkToken });
export const deleteAccountBodySchema = z.strictObject({ password: givenPassword("Password") });
export const refreshBodySchema = z.strictObject({
  refresh_token: z.string().min(1, "refresh_token is required").max(200, "refresh_token is too long"),
});
export const logoutBodySchema = z.strictObject({ refresh_token: z.string().min(1).max(200).optional() });

// ---- Responses (rendered by the OpenAPI document; the account types are derived from them) ----
const iso = z.string().meta({ description: "ISO 8601 date or timestamp" });
const isoDate = jsonDate.meta({ description: "ISO 8601 date or timestamp" });
const role = z.enum(["user", "admin"]);
export const publicUserSchema = z.object({ id: z.string(), email: z.string(), username: z.string(), role, createdAt: isoDate }).meta({ id: "User" });
const tokenFields = {
  access_token: z.string(),
  token_type: z.literal("bearer"),
  expires_at: iso,
  refresh_token: z.string().meta({ description: "Single use: POST /api/auth/refresh returns the next one. Using one twice revokes every token of that sign-in" }),
  refresh_expires_at: iso,
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
  .object({ id: z.string(), name: z.string(), tier, prefix: z.string(), createdAt: isoDate, lastUsedAt: isoDate.nullable(), usageCount: z.number().int(), revokedAt: isoDate.nullable() })
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
