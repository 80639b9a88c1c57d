import { getEnv } from "@/env";
import packageJson from "../../../../package.json";
import { buildDocument } from "@/server/openapi/document";
import { preflight, route } from "@/server/route";
import { routeModules } from "./route-modules";

let cached: unknown;

// GET /api/openapi.json: the OpenAPI 3.1 description of this API, generated from the routes' own zod schemas
export const GET = route({ name: "/api/openapi.json" }, async () => {
  cached ??= buildDocument({
    routes: [...routeModules, { path: "/api/openapi.json", module: { GET } }],
    version: packageJson.version,
    serverUrl: getEnv().APP_URL,
  });
  return cached;
});
export const OPTIONS = preflight;
