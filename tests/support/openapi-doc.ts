// The app's OpenAPI document as its route serves it, and validators built from its own JSON Schemas (with
// component references resolved), so tests check real bodies against what clients are told.
import { NextRequest } from "next/server";
import { z } from "zod";
import * as openapiRoute from "@/app/api/openapi.json/route";

export type OpenApiDoc = { openapi: string; info: { title: string; version: string; description?: string }; paths: Record<string, Record<string, any>>; components: { schemas: Record<string, unknown>; securitySchemes: Record<string, any> }; webhooks: Record<string, any> };

export async function loadDocument(): Promise<OpenApiDoc> {
  const r = await openapiRoute.GET(new NextRequest("http://localhost:3000/api/openapi.json"), { params: Promise.resolve({}) });
  if (r.status !== 200) throw new Error(`GET /api/openapi.json answered ${r.status}`);
  return (await r.json()) as OpenApiDoc;
}

/** A JSON Schema from the document with every #/components/schemas reference inlined. */
export function resolveRefs(doc: OpenApiDoc, node: unknown): unknown {
  if (Array.isArray(node)) return node.map((n) => resolveRefs(doc, n));
  if (node && typeof node === "object") {
    const ref = (node as { $ref?: string }).$ref;
    if (ref?.startsWith("#/components/schemas/")) return resolveRefs(doc, doc.components.schemas[ref.split("/").pop()!]);
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolveRefs(doc, v)]));
  }
  return node;
}

/** The documented body of a webhook event type (envelope and data), as a validator. */
export function webhookBodySchema(doc: OpenApiDoc, type: string): z.ZodType {
  const schema = doc.webhooks[type]?.post?.requestBody?.content?.["application/json"]?.schema;
  if (!schema) throw new Error(`webhook ${type} is not documented`);
  return z.fromJSONSchema(resolveRefs(doc, schema) as never);
}
