// The API's OpenAPI document, as GET /api/openapi.json serves it and `npm run client:generate` types it:
// every route module, this document's own route included (imported here, read only when called).
import packageJson from "../../../../package.json";
import { buildDocument } from "@/server/openapi";
import { routeModules } from "./route-modules";
import * as openapiRoute from "./route";

export function describeApi({ serverUrl }: { serverUrl?: string } = {}) {
  return buildDocument({ routes: [...routeModules, { path: "/api/openapi.json", module: openapiRoute }], version: packageJson.version, serverUrl });
}
