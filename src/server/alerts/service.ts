import "server-only";
// What /api/alerts does. A symbol must be one the market data knows (400 otherwise), and the list also
// carries the user's recent triggers for the alerts page.
import { getDb } from "@/lib/db";
import { AppError, badRequest, conflict, forbidden, notFound } from "@/lib/errors";
import type { Principal } from "@/server/auth/principal";
import { getDaily } from "@/server/market";
import type { CreateAlertBody } from "./schemas";

const MAX_ALERTS_PER_USER = 50;

type AlertRow = { id: string; symbol: string; type: string; price: number | null; percent: number | null; active: boolean; lastTriggeredAt: Date | null; createdAt: Date };
const toView = (a: AlertRow) => ({
  id: a.id,
  symbol: a.symbol,
  type: a.type as CreateAlertBody["type"],
  price: a.price,
  percent: a.percent,
  active: a.active,
  lastTriggeredAt: a.lastTriggeredAt?.toISOString() ?? null,
  createdAt: a.createdAt.toISOString(),
});

function owner(principal: Principal): string {
  if (!principal.userId) throw forbidden("Alerts belong to a user account; the admin key has none");
  return principal.userId;
}

export async function listAlerts({ principal }: { principal: Principal }) {
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
  };
}

export async function createAlert({ principal, body }: { principal: Principal; body: CreateAlertBody }) {
  const userId = owner(principal);
  try {
    const daily = await getDaily({ symbol: body.symbol });
    if (daily.bars.length < 2) throw badRequest(`No daily closes for ${body.symbol}`);
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") throw badRequest(`Unknown symbol ${body.symbol}`);
    throw err;
  }
  const db = await getDb();
  if ((await db.alert.count({ where: { userId } })) >= MAX_ALERTS_PER_USER) throw conflict(`At most ${MAX_ALERTS_PER_USER} alerts per account`);
  const row = await db.alert.create({
    data: {
      userId,
      symbol: body.symbol,
      type: body.type,
      price: "price" in body ? body.price : null,
      percent: "percent" in body ? body.percent : null,
    },
  });
  return toView(row);
}

export async function deleteAlert({ principal, id }: { principal: Principal; id: string }) {
  const userId = owner(principal);
  const db = await getDb();
  const { count } = await db.alert.deleteMany({ where: { id, userId } });
  if (count === 0) throw notFound("Unknown alert");
  return { deleted: true, id };
}
