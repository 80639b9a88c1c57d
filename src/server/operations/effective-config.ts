import "server-only";
// GET /api/admin/config: the settings the app is running with, after defaults and validation. Secrets are
// reported only as set or unset; credentials inside URLs are masked.
import { getEnv, SETTING_NAMES } from "@/env";
import type { ConfigValue } from "./schemas";

// Keys, tokens, passwords, and webhook URLs (which carry their secret in the path).
const SECRET_NAME = /(SECRET|_TOKEN$|PASSWORD|_KEY$|_KEY_ID$|WEBHOOK_URL$)/;

function maskUrl(value: string): string {
  try {
    const u = new URL(value);
    if (!u.password && !u.username) return value;
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "set";
  }
}

export function effectiveConfig(): Record<string, ConfigValue> {
  const env: Record<string, unknown> = getEnv();
  const out: Record<string, ConfigValue> = {};
  for (const name of [...SETTING_NAMES].sort((a, b) => a.localeCompare(b))) {
    const value = env[name];
    if (SECRET_NAME.test(name)) out[name] = value === undefined || value === "" ? "unset" : "set";
    else if (value === undefined) out[name] = null;
    else if (typeof value === "string" && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) out[name] = maskUrl(value);
    else out[name] = value as ConfigValue;
  }
  return out;
}
