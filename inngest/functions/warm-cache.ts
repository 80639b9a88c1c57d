// Keeps the market cache warm for the watchlist: every 15 minutes during US trading hours on weekdays,
// and on demand through the "market/cache.warm" event.
import type { JobHandler } from "@/lib/queue/types";
import { warmWatchlist } from "@/server/market";

export const warmCache: JobHandler = async ({ step, progress }) => {
  await progress({ value: 0.05, message: "warming watchlist" });
  const result = await step.run("warm-watchlist", () => warmWatchlist());
  await progress({ value: 1, message: `warmed ${result.warmed.length}, failed ${result.failed.length}` });
  return result;
};
