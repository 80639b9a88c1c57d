// Object keys are relative, slash-separated paths. The same rule holds on every backend so a key that works
// locally works on S3 too, and no key can escape the local models folder.
import { badRequest } from "@/lib/errors";

const SEGMENT = /^[A-Za-z0-9._=+-]+$/;

export function assertValidKey(key: string): string {
  if (typeof key !== "string" || key.length === 0 || key.length > 1024) throw badRequest("Storage key must be 1-1024 characters");
  if (key.startsWith("/") || /^[A-Za-z]:/.test(key) || key.includes("\\")) {
    throw badRequest(`Storage key must be a relative path with forward slashes: ${JSON.stringify(key)}`);
  }
  for (const segment of key.split("/")) {
    if (segment === "" || segment === "." || segment === ".." || !SEGMENT.test(segment)) {
      throw badRequest(`Invalid storage key ${JSON.stringify(key)}: segment ${JSON.stringify(segment)} is not allowed`);
    }
  }
  return key;
}

/** A prefix may be empty or end with "/"; otherwise it follows the key rules. */
export function assertValidPrefix(prefix: string): string {
  if (prefix === "") return prefix;
  assertValidKey(prefix.endsWith("/") ? prefix.slice(0, -1) : prefix);
  return prefix;
}

/** `models/{model}/{version}/{SYMBOL}.{ext}` */
export function modelArtifactKey({
  model,
  version,
  symbol,
  ext,
}: {
  model: string;
  version: string;
  symbol: string;
  ext: string;
}): string {
  return assertValidKey(`models/${model}/${version}/${symbol.toUpperCase()}.${ext.replace(/^\./, "")}`);
}

export const toBytes = (body: Uint8Array | string): Uint8Array =>
  typeof body === "string" ? new TextEncoder().encode(body) : body;
