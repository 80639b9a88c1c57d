// Keeps the market cache warm for the watchlist: every 15 minutes during US trading hours on weekdays,
// and on demand through its event (CACHE_WARM_EVENT). With a live provider reachable, the same run judges
// users' alerts on the live prices (src/server/alerts/evaluate.ts): new prices during the session reach people
// within 15 minutes, not only after the close.
import type { JobHandler } from "@/lib/queue/types";
import { evaluateAlerts } from "@/server/alerts";
import { liveMode, warmWatchlist } from "@/server/market";

export const warmCache: JobHandler = async ({ step, progress }) => {
  await progress({ value: 0.05, message: "warming watchlist" });
  const result = await step.run("warm-watchlist", () => warmWatchlist());
  const alerts = await step.run("evaluate-alerts-live", () => (liveMode() === "online" ? evaluateAlerts({ on: "live" }) : null));
  const fired = alerts ? `; ${alerts.fired} alert(s) fired on live prices` : "";
  await progress({ value: 1, message: `warmed ${result.warmed.length}, failed ${result.failed.length}${fired}` });
  return alerts ? { ...result, alerts } : result;
};
