import "server-only";
// The streams: quotes (public; state polled from the market service, which is cached and shared by every
// instance), predictions, alerts and notifications (signed-in; events from the bus).
import { getEnv } from "@/env";
import { forbidden } from "@/lib/errors";
import type { BusEvent } from "@/lib/events";
import { listAlerts } from "@/server/alerts";
import { unreadCount } from "@/server/notifications";
import { clientIp, type Principal } from "@/server/auth";
import { topics } from "@/server/events";
import { getStock } from "@/server/market";
import { bus } from "@/lib/events";
import { openStream } from "./sse";

const owner = (req: Request, principal: Principal | null) =>
  principal?.userId ? `user:${principal.userId}` : `ip:${clientIp({ headers: req.headers, trustedProxy: getEnv().TRUSTED_PROXY })}`;

async function quoteOf(symbol: string) {
  const q = await getStock({ symbol });
  return { symbol: q.symbol, price: q.price, change: q.change, changePercent: q.changePercent, time: q.time, source: q.source, asOf: q.asOf, historical: q.historical };
}

export async function quotesStream({ req, principal, symbols }: { req: Request; principal: Principal | null; symbols: string[] }) {
  // Resolved before the stream opens, so an unknown symbol is a 404 rather than an error event.
  let last = await Promise.all(symbols.map(quoteOf));
  const initial = last;
  return openStream({
    req,
    owner: owner(req, principal),
    topic: null,
    snapshot: async () => ({ event: "quotes", data: { quotes: initial } }),
    poll: {
      everyMs: getEnv().QUOTE_STREAM_POLL_MS,
      next: async () => {
        const now = await Promise.all(symbols.map((s) => quoteOf(s).catch(() => null)));
        const changed = now.filter((q, i): q is NonNullable<typeof q> => q !== null && (q.price !== last[i]?.price || q.time !== last[i]?.time));
        last = now.map((q, i) => q ?? last[i]);
        return changed.length ? { event: "quotes", data: { quotes: changed } } : null;
      },
    },
  });
}

const symbolOf = (e: BusEvent) => ((e.data as { data?: { symbol?: string } })?.data?.symbol ?? "").toUpperCase();

export async function predictionsStream({ req, principal, symbols }: { req: Request; principal: Principal; symbols?: string[] }) {
  const wanted = symbols ? new Set(symbols) : null;
  const filter = (e: BusEvent) => !wanted || wanted.has(symbolOf(e));
  return openStream({
    req,
    owner: owner(req, principal),
    topic: topics.predictions,
    filter,
    snapshot: async () => {
      // The newest retained forecast per symbol stands for the current state.
      const recent = (await bus.since({ topic: topics.predictions, afterId: "0-0" })).filter(filter);
      const latest = new Map<string, unknown>();
      for (const e of recent) latest.set(symbolOf(e), e.data);
      return { event: "snapshot", data: { predictions: [...latest.values()] } };
    },
  });
}

export async function alertsStream({ req, principal }: { req: Request; principal: Principal }) {
  const state = await listAlerts({ principal });
  return openStream({
    req,
    owner: owner(req, principal),
    topic: topics.alerts(principal.userId!),
    snapshot: async () => ({ event: "snapshot", data: state }),
  });
}

/**
 * The header bell's feed: `snapshot` with the unread count, then `notification.created` and `notifications.read`.
 * Every signed-in page opens one, so its streams are counted apart from the caller's quote, forecast and alert
 * streams: a few open tabs do not take the slots the stock page's live quote needs (past the cap, the bell asks
 * for the count every minute instead).
 */
export async function notificationsStream({ req, principal }: { req: Request; principal: Principal }) {
  const userId = principal.userId;
  if (!userId) throw forbidden("Notifications belong to a user account; the admin key has none");
  return openStream({
    req,
    owner: `bell:${owner(req, principal)}`,
    topic: topics.notifications(userId),
    snapshot: async () => ({ event: "snapshot", data: { unread: await unreadCount({ userId }) } }),
  });
}
