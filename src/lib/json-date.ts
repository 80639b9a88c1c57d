// A time the server holds as a Date and JSON carries as an ISO 8601 string. A response schema that uses it
// gives two types: z.output (what the server function returns, Date) and z.input (what a client parses from
// the body, string); the OpenAPI document describes the string.
import { z } from "zod";

export const jsonDate = z.codec(z.string(), z.date(), { decode: (s) => new Date(s), encode: (d) => d.toISOString() });
