import "server-only";
// The alerts job: after each data refresh, every active alert is checked against its symbol's newest
// close. An alert fires at most once per session (a unique row per alert and session), and each new
// trigger is published as alert.triggered (the user's webhooks and alert stream).
import { getDb } from "@/lib/db";
import { logger } from "@/lib/logger";
import { publishEvent } from "@/server/events/publish";
import { getDaily } from "@/server/market";
import type { Bar } from "@/server/market/types";

type Loader = (symbol: string) => Promise<Bar[]>;
const dailyBars: Loader = async (symbol) => (await getDaily({ symbol })).bars;

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

interface Check {
  fired: boolean;
  message: string;
  detail: Record<string, unknown>;
}

/** The one-day forecast made at the previous session for this session (the ensemble's when there is one). */
async function yesterdaysInterval(symbol: string, prevDate: string, date: string) {
  const rows = await (await getDb()).prediction.findMany({
    where: { symbol, horizon: 1, originDate: new Date(`${prevDate}T00:00:00Z`), targetDate: new Date(`${date}T00:00:00Z`), lower95: { not: null }, upper95: { not: null } },
    orderBy: { createdAt: "desc" },
  });
  return rows.find((r) => r.model === "ensemble") ?? rows[0] ?? null;
}

async function check(alert: { type: string; symbol: string; price: number | null; percent: number | null }, last: Bar, prev: Bar): Promise<Check> {
  const close = last.close;
  const date = last.time.slice(0, 10);
  switch (alert.type) {
    case "above":
      return { fired: close >= alert.price!, message: `${alert.symbol} closed at ${close} on ${date}, at or above ${alert.price}`, detail: { price: alert.price } };
    case "below":
      return { fired: close <= alert.price!, message: `${alert.symbol} closed at ${close} on ${date}, at or below ${alert.price}`, detail: { price: alert.price } };
    case "move_pct": {
      const move = (close / prev.close - 1) * 100;
      return {
        fired: Math.abs(move) >= alert.percent!,
        message: `${alert.symbol} moved ${move >= 0 ? "+" : ""}${round(move)}% on ${date} (close ${close}, previous ${prev.close})`,
        detail: { percent: alert.percent, movePercent: round(move, 4), previousClose: prev.close },
      };
    }
    case "outside_interval": {
      const p = await yesterdaysInterval(alert.symbol, prev.time.slice(0, 10), date);
      if (!p) return { fired: false, message: "", detail: {} };
      const [lo, hi] = [p.lower95!, p.upper95!];
      return {
        fired: close < lo || close > hi,
        message: `${alert.symbol} closed at ${close} on ${date}, outside the ${p.model} 95% interval [${round(lo)}, ${round(hi)}] forecast on ${prev.time.slice(0, 10)}`,
        detail: { model: p.model, lower95: lo, upper95: hi, predictionId: p.id },
      };
    }
    default:
      return { fired: false, message: "", detail: {} };
  }
}

export async function evaluateAlerts({ loadBars = dailyBars }: { loadBars?: Loader } = {}) {
  const db = await getDb();
  const alerts = await db.alert.findMany({ where: { active: true } });
  const bySymbol = new Map<string, typeof alerts>();
  for (const a of alerts) bySymbol.set(a.symbol, [...(bySymbol.get(a.symbol) ?? []), a]);
  let fired = 0;
  const failedSymbols: string[] = [];
  for (const [symbol, list] of bySymbol) {
    let bars: Bar[];
    try {
      bars = await loadBars(symbol);
    } catch (err) {
      logger.warn("alert evaluation: no bars", { symbol, err });
      failedSymbols.push(symbol);
      continue;
    }
    if (bars.length < 2) continue;
    const [prev, last] = bars.slice(-2);
    const session = new Date(`${last.time.slice(0, 10)}T00:00:00Z`);
    for (const alert of list) {
      const c = await check(alert, last, prev);
      if (!c.fired) continue;
      const created = await db.alertTrigger.createMany({
        data: [{ alertId: alert.id, userId: alert.userId, symbol, session, close: last.close, message: c.message, detail: c.detail as object }],
        skipDuplicates: true,
      });
      if (created.count === 0) continue; // already fired for this session
      const trigger = await db.alertTrigger.findUniqueOrThrow({ where: { alertId_session: { alertId: alert.id, session } } });
      // Price levels are one-shot; moves and interval breaks can recur on later sessions.
      const oneShot = alert.type === "above" || alert.type === "below";
      await db.alert.update({ where: { id: alert.id }, data: { lastTriggeredAt: trigger.createdAt, ...(oneShot ? { active: false } : {}) } });
      fired++;
      await publishEvent({
        type: "alert.triggered",
        id: `evt_alert_${trigger.id}`,
        userId: alert.userId,
        data: {
          alertId: alert.id,
          triggerId: trigger.id,
          symbol,
          type: alert.type,
          session: last.time.slice(0, 10),
          close: last.close,
          message: c.message,
          ...c.detail,
        },
      });
    }
  }
  return { alerts: alerts.length, symbols: bySymbol.size, fired, failedSymbols };
}
