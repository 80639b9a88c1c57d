// The shape of one operation's entry in the document (operations.ts, operations-account.ts) and the helpers
// that build its responses.
import { z } from "zod";

export interface ResponseDoc {
  description: string;
  schema?: z.ZodType;
  /** Default application/json. */
  contentType?: string;
  /** Also answers text/csv (with ?format=csv or Accept: text/csv). */
  csv?: boolean;
}

export interface OperationDoc {
  summary: string;
  description?: string;
  tags: string[];
  responses: Record<number, ResponseDoc>;
  /** Statuses the handler itself may answer with the error body (the wrapper's own are added for it). */
  errors?: Partial<Record<400 | 403 | 404 | 405 | 409 | 413 | 500 | 503, string>>;
  /** Routes not built on the wrapper (next-auth, Inngest): documented, but not validated here. */
  external?: boolean;
}

export const json = (description: string, schema: z.ZodType): ResponseDoc => ({ description, schema });
export const sse = (description: string): ResponseDoc => ({ description, contentType: "text/event-stream", schema: z.string() });
export const csvOr = (schema: z.ZodType, what: string): Record<number, ResponseDoc> => ({ 200: { description: `${what} (text/csv with ?format=csv or Accept: text/csv: a header row, ISO dates)`, schema, csv: true } });
