// The API's OpenAPI document, as GET /api/openapi.json serves it and `npm run client:generate` types it:
// every route module, this document's own route included (handed in by its caller, so this file and the route
// that serves it do not import each other).
import packageJson from "../../../../package.json";
import { buildDocument, type RouteModuleEntry } from "@/server/openapi";
import { routeModules } from "./route-modules";

export function describeApi({ serverUrl, self }: { serverUrl?: string; self: RouteModuleEntry["module"] }) {
  return buildDocument({ routes: [...routeModules, { path: "/api/openapi.json", module: self }], version: packageJson.version, serverUrl });
}
