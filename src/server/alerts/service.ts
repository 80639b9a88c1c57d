import "server-only";
// What /api/alerts does. A symbol must be one the market data knows (400 otherwise), an account holds at most
// MAX_ALERTS_PER_USER alerts (409 with the limit in words), and the list also carries the user's recent
// triggers for the alerts page.
import { getDb } from "@/lib/db";
import { createWithinCap } from "@/lib/db/account-cap";
import { AppError, badRequest, conflict, forbidden, notFound } from "@/lib/errors";
import type { Principal } from "@/server/auth";
import { getDaily } from "@/server/market";
import { ALERT_CHANNELS, MAX_ALERTS_PER_USER, type AlertChannel, type AlertList, type AlertType, type AlertView, type CreateAlertBody } from "./schemas";

type AlertRow = {
  id: string;
  symbol: string;
  type: string;
  price: number | null;
  percent: number | null;
  channels: string[];
  active: boolean;
  armed: boolean;
  lastTriggeredAt: Date | null;
  createdAt: Date;
};
const toView = (a: AlertRow): AlertView => ({
  id: a.id,
  symbol: a.symbol,
  type: a.type as AlertType,
  price: a.price,
  percent: a.percent,
  channels: ALERT_CHANNELS.filter((c): c is AlertChannel => a.channels.includes(c)),
  active: a.active,
  armed: a.armed,
  lastTriggeredAt: a.lastTriggeredAt?.toISOString() ?? null,
  createdAt: a.createdAt.toISOString(),
});

function owner(principal: Principal): string {
  if (!principal.userId) throw forbidden("Alerts belong to a user account; the admin key has none");
  return principal.userId;
}

export async function listAlerts({ principal }: { principal: Principal }): Promise<AlertList> {
  const userId = owner(principal);
  const db = await getDb();
  const [alerts, triggers] = await Promise.all([
    db.alert.findMany({ where: { userId }, orderBy: { createdAt: "asc" } }),
    db.alertTrigger.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take: 50 }),
  ]);
  return {
    alerts: alerts.map(toView),
    triggered: triggers.map((t) => ({
      id: t.id,
      alertId: t.alertId,
      symbol: t.symbol,
      session: t.session.toISOString().slice(0, 10),
      close: t.close,
      message: t.message,
      at: t.createdAt.toISOString(),
    })),
    limit: MAX_ALERTS_PER_USER,
  };
}

const alertsFull = (held: number) => `You have ${held} alerts, the most an account can hold; remove one before adding another`;

export async function createAlert({ principal, body }: { principal: Principal; body: CreateAlertBody }): Promise<AlertView> {
  const userId = owner(principal);
  const db = await getDb();
  // The cap first: an account at its limit is told so whatever the symbol.
  const held = await db.alert.count({ where: { userId } });
  if (held >= MAX_ALERTS_PER_USER) {
    throw conflict(alertsFull(held));
  }
  try {
    const daily = await getDaily({ symbol: body.symbol });
    if (daily.bars.length < 2) throw badRequest(`No daily closes for ${body.symbol}`);
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") throw badRequest(`Unknown symbol ${body.symbol}`);
    throw err;
  }
  const row = await createWithinCap({
    userId,
    cap: MAX_ALERTS_PER_USER,
    held: (tx) => tx.alert.count({ where: { userId } }),
    refusal: alertsFull,
    create: (tx) =>
      tx.alert.create({
        data: {
          userId,
          symbol: body.symbol,
          type: body.type,
          price: "price" in body ? body.price : null,
          percent: "percent" in body ? body.percent : null,
          channels: body.channels ?? ["in_app"],
        },
      }),
  });
  return toView(row);
}

export async function updateAlert({ principal, id, channels, active }: { principal: Principal; id: string; channels?: AlertChannel[]; active?: boolean }): Promise<AlertView> {
  const userId = owner(principal);
  const db = await getDb();
  const { count } = await db.alert.updateMany({ where: { id, userId }, data: { ...(channels ? { channels } : {}), ...(active !== undefined ? { active } : {}) } });
  if (count === 0) throw notFound("Unknown alert");
  return toView(await db.alert.findUniqueOrThrow({ where: { id } }));
}

export async function deleteAlert({ principal, id }: { principal: Principal; id: string }) {
  const userId = owner(principal);
  const db = await getDb();
  const { count } = await db.alert.deleteMany({ where: { id, userId } });
  if (count === 0) throw notFound("Unknown alert");
  return { deleted: true, id };
}

/** Symbols with at least one alert switched on: the daily refresh brings their bars. */
export async function alertedSymbols(): Promise<string[]> {
  const rows = await (await getDb()).alert.findMany({ where: { active: true }, distinct: ["symbol"], select: { symbol: true } });
  return rows.map((r) => r.symbol).sort();
}
