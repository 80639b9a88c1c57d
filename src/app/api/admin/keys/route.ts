import { preflight, route } from "@/server/route";
import { accountKeysForAdmin, accountKeysQuerySchema } from "@/server/auth";

// GET /api/admin/keys?login={email or username}: an account's API keys, for granting tiers (admin)
export const GET = route({ name: "/api/admin/keys", auth: "admin", query: accountKeysQuerySchema }, async ({ query }) =>
  accountKeysForAdmin({ login: query.login }),
);
export const OPTIONS = preflight;
