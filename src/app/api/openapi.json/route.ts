import { getEnv } from "@/env";
import { preflight, route } from "@/server/route";
import { describeApi } from "./describe-api";

let cached: unknown;

// GET /api/openapi.json: the OpenAPI 3.1 description of this API, generated from the routes' own zod schemas
export const GET = route({ name: "/api/openapi.json" }, async () => {
  cached ??= describeApi({ serverUrl: getEnv().APP_URL, self: { GET, OPTIONS } });
  return cached;
});
export const OPTIONS = preflight;
