import { preflight, route } from "@/server/route";
import { crossSectionForecast } from "@/server/predictions";

// GET /api/predictions/cross-section: each shipped symbol's probability of each quintile of the next 5 sessions' returns, with its measured RPS
export const GET = route({ name: "/api/predictions/cross-section" }, async () => crossSectionForecast());
export const OPTIONS = preflight;
