// Response schemas of the routes that answer in someone else's format: this document itself, and the bodies
// next-auth and Inngest define.
import { z } from "zod";

/** GET /api/openapi.json answers an OpenAPI 3.1 document, whose own schema is the OpenAPI specification's. */
export const openApiDocumentSchema = z.looseObject({ openapi: z.literal("3.1.0"), info: z.object({ title: z.string(), version: z.string(), description: z.string() }), paths: z.record(z.string(), z.unknown()) });
/** Bodies that next-auth and Inngest define (their own formats, not this app's). */
export const externalJson = z.unknown();
