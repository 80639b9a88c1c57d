// Request bodies of the auth and key endpoints. Strict objects: unknown fields are a 400, not ignored. The
// responses are in ./account-schemas.ts (no server-only import, so client code may take its types).
import { z } from "zod";
import { API_KEY_TIERS, type ApiKeyTier } from "./account-schemas";
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

export { API_KEY_TIERS, type ApiKeyTier };

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
