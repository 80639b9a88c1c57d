// Whether an alert's condition holds for one observation of its symbol: a session's close (daily bars) or the
// live price during a session (a live provider's quote). Pure: the served forecast's range is looked up by the
// caller. `null` means the condition cannot be judged on this observation (no forecast served for the session,
// under a year of history for a 52-week range, a forecast range against a price that is not a close): the
// alert's state is left as it is.
import { type Bar, shiftDate } from "@/server/market";
import type { WebhookPayload } from "@/server/webhooks";
import type { AlertType } from "./schemas";

export interface Observation {
  symbol: string;
  /** The session, YYYY-MM-DD. */
  session: string;
  /** The close (final) or the live price so far. */
  price: number;
  /** The session's high and low (so far, when live). */
  high: number;
  low: number;
  previousClose: number;
  /** true: the session's close; false: a live price during the session. */
  final: boolean;
  /** Daily bars before the session, oldest first. */
  prior: Bar[];
}

export interface ServedRange {
  predictionId: string;
  model: string;
  originDate: string;
  lower95: number;
  upper95: number;
}

/** The fields every alert.triggered payload has, whatever the alert's type (fire.ts fills them in). */
type CommonField = "alertId" | "triggerId" | "symbol" | "session" | "close" | "live" | "message";
type AlertPayload = WebhookPayload<"alert.triggered">;
/** The type-specific fields of the alert.triggered payload, with the `type` they belong to. */
export type AlertDetail = AlertPayload extends infer P ? (P extends AlertPayload ? Omit<P, CommonField> : never) : never;

export interface Check {
  holds: boolean;
  message: string;
  /** The alert's type and the fields of the payload that go with it (the trigger row keeps all but `type`). */
  detail: AlertDetail;
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const at = (o: Observation) => (o.final ? `closed at ${o.price}` : `traded at ${o.price} (live)`);

/** The extreme of the 52 weeks before the session, or null when the history does not reach back that far. */
function yearBefore(o: Observation, pick: "high" | "low"): { value: number; date: string } | null {
  const from = shiftDate(o.session, { years: -1 });
  const first = o.prior[0]?.time.slice(0, 10);
  // A symbol listed less than a year ago has no 52-week range yet (a week of slack for holidays at the edge).
  if (!first || first > shiftDate(from, { days: 7 })) return null;
  let best: { value: number; date: string } | null = null;
  for (let i = o.prior.length - 1; i >= 0; i--) {
    const b = o.prior[i]!;
    if (b.time.slice(0, 10) < from) break;
    const v = b[pick];
    if (!best || (pick === "high" ? v > best.value : v < best.value)) best = { value: v, date: b.time.slice(0, 10) };
  }
  return best;
}

export function checkCondition({ alert, obs, range }: { alert: { type: string; price: number | null; percent: number | null }; obs: Observation; range?: ServedRange | null }): Check | null {
  const { symbol, session } = obs;
  const type = alert.type as AlertType;
  switch (type) {
    case "above":
      return { holds: obs.price >= alert.price!, message: `${symbol} ${at(obs)} on ${session}, at or above ${alert.price}`, detail: { type, price: alert.price! } };
    case "below":
      return { holds: obs.price <= alert.price!, message: `${symbol} ${at(obs)} on ${session}, at or below ${alert.price}`, detail: { type, price: alert.price! } };
    case "move_pct": {
      const move = (obs.price / obs.previousClose - 1) * 100;
      const what = obs.final ? `close ${obs.price}` : `live price ${obs.price}`;
      return {
        holds: Math.abs(move) >= alert.percent!,
        message: `${symbol} moved ${move >= 0 ? "+" : ""}${round(move)}% on ${session} (${what}, previous ${obs.previousClose})`,
        detail: { type, percent: alert.percent!, movePercent: round(move, 4), previousClose: obs.previousClose },
      };
    }
    case "high_52w": {
      const prev = yearBefore(obs, "high");
      if (!prev) return null;
      return {
        holds: obs.high > prev.value,
        message: `${symbol} reached a new 52-week high of ${obs.high} on ${session} (the previous high was ${prev.value} on ${prev.date})`,
        detail: { type, high: obs.high, previousHigh: prev.value, previousHighDate: prev.date },
      };
    }
    case "low_52w": {
      const prev = yearBefore(obs, "low");
      if (!prev) return null;
      return {
        holds: obs.low < prev.value,
        message: `${symbol} fell to a new 52-week low of ${obs.low} on ${session} (the previous low was ${prev.value} on ${prev.date})`,
        detail: { type, low: obs.low, previousLow: prev.value, previousLowDate: prev.date },
      };
    }
    case "outside_interval": {
      // A forecast is of the close: a price during the session is not judged against it.
      if (!obs.final || !range) return null;
      return {
        holds: obs.price < range.lower95 || obs.price > range.upper95,
        message: `${symbol} closed at ${obs.price} on ${session}, outside the ${range.model} 95% interval [${round(range.lower95)}, ${round(range.upper95)}] forecast on ${range.originDate}`,
        detail: { type, model: range.model, lower95: range.lower95, upper95: range.upper95, predictionId: range.predictionId },
      };
    }
    default:
      return null;
  }
}

/** A short name for what the alert watches, for notification titles and email subjects. */
export function alertTitle(alert: { symbol: string; type: string; price: number | null; percent: number | null }): string {
  switch (alert.type as AlertType) {
    case "above":
      return `${alert.symbol} at or above ${alert.price}`;
    case "below":
      return `${alert.symbol} at or below ${alert.price}`;
    case "move_pct":
      return `${alert.symbol} moved ${alert.percent}% or more`;
    case "high_52w":
      return `${alert.symbol} at a new 52-week high`;
    case "low_52w":
      return `${alert.symbol} at a new 52-week low`;
    default:
      return `${alert.symbol} outside its forecast range`;
  }
}
