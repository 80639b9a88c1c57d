import "server-only";
// Standard Webhooks signing (the `standardwebhooks` package): headers webhook-id, webhook-timestamp and
// webhook-signature "v1,<base64 HMAC-SHA256 of id.timestamp.body>", secret "whsec_<base64>". HMAC needs the
// secret itself, so it is stored encrypted (AES-256-GCM, key derived from the app secret), never in clear.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { getEnv } from "@/env";

export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

const key = (): Buffer => Buffer.from(hkdfSync("sha256", getEnv().secrets.jwt, "stock-hub", "webhook-signing-secret", 32));

export function encryptSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return `v1.${iv.toString("base64url")}.${cipher.getAuthTag().toString("base64url")}.${body.toString("base64url")}`;
}

export function decryptSecret(stored: string): string {
  const [v, iv, tag, body] = stored.split(".");
  if (v !== "v1" || !iv || !tag || !body) throw new Error("unreadable webhook secret");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

/** The three Standard Webhooks headers for one message. */
export function signatureHeaders({ secret, id, body, at = new Date() }: { secret: string; id: string; body: string; at?: Date }) {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(id, at, body),
  };
}
