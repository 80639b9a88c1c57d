// Query strings of the stream endpoints.
import { z } from "zod";
import { symbolSchema } from "@/lib/symbol";

export const MAX_STREAM_SYMBOLS = 20;

const symbolList = z
  .string()
  .max(MAX_STREAM_SYMBOLS * 12)
  .transform((s) => [...new Set(s.split(",").map((x) => x.trim()).filter(Boolean))])
  .pipe(z.array(symbolSchema).min(1, "Give at least one symbol").max(MAX_STREAM_SYMBOLS, `At most ${MAX_STREAM_SYMBOLS} symbols`))
  .meta({ description: "Comma-separated symbols", example: "AAPL,MSFT" });

export const quotesStreamQuerySchema = z.strictObject({
  symbols: z.string({ error: "symbols is required, e.g. ?symbols=AAPL,MSFT" }).pipe(symbolList),
  lastEventId: z.string().max(50).optional().meta({ description: "Same as the Last-Event-ID header, for clients that cannot set headers" }),
});

export const predictionsStreamQuerySchema = z.strictObject({
  symbols: symbolList.optional().meta({ description: "Only these symbols (default: all)" }),
  lastEventId: z.string().max(50).optional(),
});

export const alertsStreamQuerySchema = z.strictObject({
  lastEventId: z.string().max(50).optional(),
});

export const notificationsStreamQuerySchema = z.strictObject({
  lastEventId: z.string().max(50).optional(),
});
