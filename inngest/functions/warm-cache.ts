// Keeps the market cache warm for the watchlist: every 15 minutes during US trading hours on weekdays,
// and on demand through the "market/cache.warm" event.
import { warmWatchlist } from "@/server/market";
import { defineJobFunction } from "../client";

export const warmCache = defineJobFunction({
  id: "warm-cache",
  event: "market/cache.warm",
  cron: "TZ=America/New_York */15 9-16 * * 1-5",
  retries: 2,
  handler: async ({ step, progress }) => {
    await progress({ value: 0.05, message: "warming watchlist" });
    const result = await step.run("warm-watchlist", () => warmWatchlist());
    await progress({ value: 1, message: `warmed ${result.warmed.length}, failed ${result.failed.length}` });
    return result;
  },
});
