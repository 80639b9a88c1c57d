// A person's data: all of it as JSON (GET /api/auth/me/export), and the account's deletion (DELETE
// /api/auth/me), which removes exactly what the account owned: its keys, webhooks (with their delivery
// logs), alerts (with their triggers), notifications and quiet hours, watchlists, portfolios (with their
// transactions), refresh tokens, emailed links and mail. Forecasts it asked
// for stay in the shared forecast history without its id (they are the site's record of what was served),
// and jobs it started keep running for the symbol without an owner.
import "server-only";
import { getDb } from "@/lib/db";
import { badRequest, notFound } from "@/lib/errors";
import { toClock } from "@/lib/clock";
import type { AccountDeleted, AccountExport } from "./account-schemas";
import { forgetAccountState } from "./account-state";
import { WRONG_PASSWORD } from "./self-service";
import { checkOwnPassword } from "./users";

export async function exportAccount({ userId, now = new Date() }: { userId: string; now?: Date }): Promise<AccountExport> {
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, username: true, role: true, createdAt: true, updatedAt: true },
  });
  if (!user) throw notFound("No such account");
  const [apiKeys, webhooks, alerts, alertTriggers, notifications, settings, watchlists, portfolios, predictions] = await Promise.all([
    db.apiKey.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { id: true, name: true, tier: true, prefix: true, createdAt: true, lastUsedAt: true, usageCount: true, revokedAt: true },
    }),
    // Never the signing secret: an export is a file that travels.
    db.webhook.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { id: true, url: true, events: true, enabled: true, disabledReason: true, createdAt: true } }),
    db.alert.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { id: true, symbol: true, type: true, price: true, percent: true, channels: true, active: true, armed: true, lastTriggeredAt: true, createdAt: true },
    }),
    db.alertTrigger.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { id: true, alertId: true, symbol: true, session: true, close: true, message: true, createdAt: true } }),
    db.notification.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { id: true, kind: true, title: true, body: true, symbol: true, link: true, alertId: true, readAt: true, createdAt: true },
    }),
    db.notificationSettings.findUnique({ where: { userId }, select: { quietStart: true, quietEnd: true, timeZone: true } }),
    db.watchlist.findMany({ where: { userId }, orderBy: { position: "asc" }, select: { id: true, name: true, symbols: true, position: true, createdAt: true, updatedAt: true } }),
    db.portfolio.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        name: true,
        createdAt: true,
        updatedAt: true,
        transactions: { orderBy: [{ date: "asc" }, { position: "asc" }], select: { date: true, symbol: true, quantity: true, price: true, fees: true } },
      },
    }),
    db.prediction.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { symbol: true, model: true, horizon: true, originDate: true, targetDate: true, predictedPrice: true, actualPrice: true, createdAt: true },
    }),
  ]);
  const quiet = settings && settings.quietStart !== null && settings.quietEnd !== null ? { start: toClock(settings.quietStart), end: toClock(settings.quietEnd), timeZone: settings.timeZone } : null;
  return {
    exported_at: now.toISOString(),
    user,
    api_keys: apiKeys,
    webhooks,
    alerts,
    alert_triggers: alertTriggers,
    notifications,
    notification_settings: { quietHours: quiet },
    watchlists,
    // Trade dates as the person entered them (YYYY-MM-DD), not midnight timestamps.
    portfolios: portfolios.map((p) => ({ ...p, transactions: p.transactions.map((t) => ({ ...t, date: t.date.toISOString().slice(0, 10) })) })),
    predictions,
  };
}

/** Deletes the account after checking its password; answers with how many rows of each kind went. */
export async function deleteAccount({ userId, password }: { userId: string; password: string }): Promise<AccountDeleted> {
  if (!(await checkOwnPassword({ userId, password }))) throw badRequest(`password: ${WRONG_PASSWORD}`);
  const db = await getDb();
  const removed = await db.$transaction(async (tx) => {
    const where = { userId };
    const counts = {
      api_keys: await tx.apiKey.count({ where }),
      webhooks: await tx.webhook.count({ where }),
      alerts: await tx.alert.count({ where }),
      notifications: await tx.notification.count({ where }),
      watchlists: await tx.watchlist.count({ where }),
      portfolios: await tx.portfolio.count({ where }),
    };
    await tx.job.updateMany({ where, data: { userId: null } });
    // No foreign key on the session epoch (it is written before some accounts exist): removed by hand.
    await tx.userSessionEpoch.deleteMany({ where });
    // The foreign keys cascade to everything else the account owned (see schema.prisma).
    await tx.user.delete({ where: { id: userId } });
    return counts;
  });
  await forgetAccountState({ userId });
  return { deleted: true as const, removed };
}
