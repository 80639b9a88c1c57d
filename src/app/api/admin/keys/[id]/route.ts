import { preflight, route } from "@/server/route";
import { grantKeyTier, keyIdParamsSchema, setKeyTierBodySchema } from "@/server/auth";

// PATCH /api/admin/keys/{id}: set a key's tier; takes effect on the key's next request (admin)
export const PATCH = route(
  { name: "/api/admin/keys/[id]", auth: "admin", params: keyIdParamsSchema, body: setKeyTierBodySchema, maxBodyBytes: 1024 },
  async ({ params, body }) => grantKeyTier({ id: params.id, tier: body.tier }),
);
export const OPTIONS = preflight;
