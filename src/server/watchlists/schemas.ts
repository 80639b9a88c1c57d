// Bodies of the watchlist endpoints (strict objects: an unknown field is a 400, not ignored) and their answers,
// from which the watchlist types are derived.
import { z } from "zod";
import { jsonDate } from "@/lib/json-date";
import { symbolSchema } from "@/lib/symbol";

export const MAX_WATCHLISTS = 20;
export const MAX_SYMBOLS = 50;

const name = z
  .string()
  .trim()
  .min(1, "Give the list a name")
  .max(40, "Name must be at most 40 characters")
  .regex(/^[\p{L}\p{N} ._&'()-]+$/u, "Name may contain letters, digits, spaces and . _ & ' ( ) -");

// Order is the person's: kept as given. A symbol listed twice is refused rather than silently dropped.
const symbols = z
  .array(symbolSchema)
  .max(MAX_SYMBOLS, `A list holds at most ${MAX_SYMBOLS} symbols`)
  .refine((s) => new Set(s).size === s.length, "Each symbol may appear only once");

export const createWatchlistBodySchema = z.strictObject({ name, symbols: symbols.default([]) });
export const updateWatchlistBodySchema = z
  .strictObject({ name: name.optional(), symbols: symbols.optional() })
  .refine((b) => b.name !== undefined || b.symbols !== undefined, { message: "Give a new name, new symbols, or both", path: ["name"] });
export const watchlistIdParamsSchema = z.strictObject({ id: z.string().regex(/^[a-z0-9]{20,40}$/, "Invalid watchlist id") });

export const watchlistViewSchema = z
  .object({ id: z.string(), name: z.string(), symbols: z.array(z.string()), position: z.number().int(), createdAt: jsonDate, updatedAt: jsonDate })
  .meta({ id: "Watchlist" });
export const watchlistListSchema = z.object({ watchlists: z.array(watchlistViewSchema) });

export type WatchlistView = z.output<typeof watchlistViewSchema>;
export type WatchlistList = z.output<typeof watchlistListSchema>;
/** A watchlist as the API answers it (dates as ISO strings), for client code. */
export type WatchlistJson = z.input<typeof watchlistViewSchema>;
