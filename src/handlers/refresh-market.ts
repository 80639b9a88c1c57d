// Weekdays at 22:15 UTC (after the US close, 16:00 New York, in summer and winter) and on demand (POST
// /api/admin/refresh): new daily bars for the configured and people's own watchlists, the symbols with alerts and
// recently viewed or trained symbols (and, on a live install, their earnings releases filed on SEC EDGAR, read at
// most once a day), actuals of served predictions (and the track-record ledger's scores), the alerts judged on the
// new closes, an incremental retrain of the symbols that got new bars and their forecasts re-cached
// (src/server/refresh).
import { evaluateAlerts } from "@/server/alerts";
import { refreshEarningsDates, type EarningsDatesRefresh } from "@/server/market";
import { scoreLedger } from "@/server/ledger/score";
import { fillActuals } from "@/server/predictions";
import { limitedOnly, logRefreshed, refreshSymbolBars, refreshTargets, retrainTargets, type BarsRefreshed } from "@/server/refresh/daily-refresh";
import type { REFRESH_EVENT, HandlerOf } from "@/server/jobs";
import { trainAndCache, type TrainOutcome } from "./train-models";

const LIMIT_RETRIES = 3;

export const refreshMarket: HandlerOf<typeof REFRESH_EVENT> = async (args) => {
  const { step, progress } = args;
  const targets = await step.run("targets", () => refreshTargets());
  if ("skipped" in targets) {
    await progress({ value: 1, message: targets.skipped });
    return targets;
  }
  await progress({ value: 0.02, message: `refreshing bars of ${targets.symbols.length} symbol(s)` });
  const bars: BarsRefreshed[] = [];
  const filings: EarningsDatesRefresh[] = [];
  for (const [i, symbol] of targets.symbols.entries()) {
    let r = await step.run(`bars-${symbol}`, () => refreshSymbolBars({ symbol }));
    // A free tier's per-minute budget (Polygon: 5) runs out within a watchlist: wait for the window, retry.
    for (let attempt = 1; attempt <= LIMIT_RETRIES && limitedOnly(r); attempt++) {
      await step.sleep(`wait-${symbol}-${attempt}`, "65s");
      r = await step.run(`bars-${symbol}-${attempt}`, () => refreshSymbolBars({ symbol }));
    }
    bars.push(r);
    // Its filings on SEC EDGAR (at most once a day; an EDGAR failure is logged and the stored dates serve).
    filings.push(await step.run(`filings-${symbol}`, () => refreshEarningsDates({ symbol })));
    await progress({ value: 0.02 + (0.28 * (i + 1)) / targets.symbols.length, message: `bars of ${symbol}: ${r.topUp}` });
  }
  await step.run("log-bars", () => logRefreshed(bars));
  await progress({ value: 0.3, message: `${bars.filter((b) => b.added > 0).length} symbol(s) with new bars; filling actuals` });
  const actuals = await step.run("fill-actuals", () => fillActuals());
  const ledger = await step.run("score-ledger", () => scoreLedger());
  const alerts = await step.run("evaluate-alerts", () => evaluateAlerts());
  const retrain = await step.run("retrain-targets", () => retrainTargets({ refreshed: bars }));
  const retrained: TrainOutcome[] = [];
  for (const [i, symbol] of retrain.entries()) {
    await args.checkCancelled();
    const span = { from: 0.4 + (0.6 * i) / retrain.length, to: 0.4 + (0.6 * (i + 1)) / retrain.length };
    await progress({ value: span.from, message: `retraining ${symbol} (${i + 1} of ${retrain.length})` });
    retrained.push(await trainAndCache({ args, symbol, span, reason: "schedule" }));
  }
  const added = bars.filter((b) => b.added > 0).length;
  await progress({ value: 1, message: `${added} of ${bars.length} symbol(s) with new bars, ${actuals.filled} actuals filled, ${alerts.fired} alerts fired, ${retrained.length} retrained` });
  return { symbols: bars, filings, actuals, ledger, alerts, retrained };
};
