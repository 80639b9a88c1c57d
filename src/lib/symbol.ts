// The one ticker-symbol rule, shared by the browser (search box) and the server (routes, job events,
// artifacts, the shipped data folder), so a symbol the page accepts is one the API and the engine accept.
import { z } from "zod";

/** 1-10 characters of A-Z, 0-9, "." or "-" (e.g. AAPL, BRK.B, RDS-A), upper case. */
export const SYMBOL_PATTERN = /^[A-Z0-9.-]{1,10}$/;

export const SYMBOL_RULE = "Symbol must be 1-10 characters of A-Z, 0-9, '.' or '-'";

/** True for a symbol already in canonical (upper-case) form. */
export const isSymbol = (s: string): boolean => SYMBOL_PATTERN.test(s);

/** A symbol that is already canonical: stored artifacts and job payloads, which the app wrote itself. */
export const canonicalSymbolSchema = z.string().regex(SYMBOL_PATTERN, SYMBOL_RULE);

/** A symbol typed by a person or a client: trimmed and upper-cased before the check. */
export const symbolSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(canonicalSymbolSchema);
