// The ledger's chain rule, shared by the writer, the verifier, the API and the CLI. An entry's hash is
// SHA-256 (hex) over the canonical JSON of all its fields except `hash` itself, `prevHash` included:
// keys sorted, no spaces, numbers and strings as JavaScript's JSON.stringify writes them (RFC 8785 for
// these values), dates as YYYY-MM-DD, `recordedAt` as an ISO timestamp in UTC with milliseconds. Entry 1
// follows the genesis hash (64 zeros). Plain node: no server-only, so anyone's script can import it.
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** The chained fields of one served forecast (no user data). Prices in the symbol's currency. */
export interface LedgerFields {
  seq: number;
  recordedAt: string;
  symbol: string;
  model: string;
  version: string;
  /** Trading days from the origin close to the target close. */
  horizon: number;
  originDate: string;
  targetDate: string;
  originClose: number;
  price: number;
  lower80: number | null;
  upper80: number | null;
  lower95: number | null;
  upper95: number | null;
  lower99: number | null;
  upper99: number | null;
  /** Price quantiles at QUANTILE_LEVELS (0.005 .. 0.995); empty when the model had no calibrated interval. */
  quantiles: number[];
  source: string;
  prevHash: string;
}

export type LedgerEntryView = LedgerFields & { hash: string };

/** JSON with every object's keys sorted, no whitespace. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new Error("canonical JSON has no place for a non-finite number");
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(",")}}`;
}

const FIELD_KEYS = [
  "seq", "recordedAt", "symbol", "model", "version", "horizon", "originDate", "targetDate", "originClose", "price",
  "lower80", "upper80", "lower95", "upper95", "lower99", "upper99", "quantiles", "source", "prevHash",
] as const satisfies readonly (keyof LedgerFields)[];

/** The fields that are hashed, picked from an entry (extra properties such as `hash` or a score are left out). */
export function chainedFields(e: LedgerFields): LedgerFields {
  return Object.fromEntries(FIELD_KEYS.map((k) => [k, e[k]])) as unknown as LedgerFields;
}

export function entryHash(fields: LedgerFields): string {
  return createHash("sha256").update(canonicalJson(chainedFields(fields)), "utf8").digest("hex");
}

/**
 * When the target session opens: 09:30 New York time on the target date (UTC-5 in winter, UTC-4 in summer).
 * An entry must be recorded before it, or it is no forecast.
 */
export function sessionOpensAt(date: string): Date {
  const winter = Date.parse(`${date}T14:30:00Z`);
  const hour = Number(new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", hour: "numeric", hourCycle: "h23" }).format(winter));
  return new Date(hour === 10 ? winter - 3_600_000 : winter);
}
