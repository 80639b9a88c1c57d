import { preflight, route } from "@/server/route";
import { rollbackBody, symbolParams } from "@/server/predictions";
import { rollbackModel } from "@/server/registry";

// POST /api/models/{symbol}/rollback: put a model back on its previous active version, recorded in the registry (admin)
export const POST = route({ name: "/api/models/[symbol]/rollback", params: symbolParams, body: rollbackBody, auth: "admin" }, async ({ params, body, principal }) =>
  rollbackModel({ symbol: params.symbol, model: body.model, reason: body.reason, userId: principal?.userId ?? null }),
);
export const OPTIONS = preflight;
