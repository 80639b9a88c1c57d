// Alerts page: the signed-in user's alerts and what fired. Judged whenever new prices arrive: each session's
// close after the daily refresh and, with a live provider, live prices during the session.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { signInPath } from "@/components/auth/sign-in-reason";
import { cardClass } from "@/components/auth/styles";
import { AlertManager } from "@/components/push/alert-manager";
import { listAlerts } from "@/server/alerts";
import { getUserById, sessionUser } from "@/server/auth";
import { liveMode } from "@/server/market";

export const metadata: Metadata = { title: "Alerts" };
export const dynamic = "force-dynamic";

export default async function AlertsPage() {
  const signedIn = await sessionUser();
  const user = signedIn ? await getUserById({ id: signedIn.id }) : null;
  if (!user) redirect(signInPath("/alerts"));
  const { alerts, triggered, limit } = await listAlerts({ principal: { userId: user.id, role: user.role, via: "session" } });
  return (
    <div className="flex flex-col gap-8">
      <section className="flex flex-col gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Alerts</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Alerts are checked whenever new prices arrive: after each trading day&apos;s close, and during the session when live prices are
          available. A price level fires once when the price crosses it, and again only after the price has gone back. Moves, new 52-week
          highs and lows and forecast-range breaks fire at most once a day. Each alert reaches you where you choose: your{" "}
          <a className="underline" href="/notifications">notifications</a>, email, or your webhooks (set them up on your{" "}
          <a className="underline" href="/account">account</a>).
        </p>
        <AlertManager alerts={alerts} limit={limit} liveData={liveMode() === "online"} />
      </section>
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">Fired</h2>
        {triggered.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Nothing has fired yet.</p>
        ) : (
          <ul className={`${cardClass} flex flex-col gap-2 text-sm`} data-testid="alert-triggers">
            {triggered.map((t) => (
              <li key={t.id}>
                <span className="font-medium">{t.session}</span> · {t.message}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
