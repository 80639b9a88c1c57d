import { preflight, route } from "@/server/route";
import { effectiveConfig } from "@/server/operations";

export const dynamic = "force-dynamic";

// GET /api/admin/config: the effective settings; secrets only as "set" or "unset" (admin)
export const GET = route({ name: "/api/admin/config", auth: "admin" }, async () => ({ config: effectiveConfig() }));

export const OPTIONS = preflight;
