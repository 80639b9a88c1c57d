// Alerts page: the signed-in user's price alerts and what fired. Checked after each trading day's close
// against the newest daily bar; prices come with their source and date.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { cardClass } from "@/components/auth/styles";
import { AlertManager } from "@/components/push/alert-manager";
import { listAlerts } from "@/server/alerts/service";
import { sessionUser } from "@/server/auth/session-user";
import { getUserById } from "@/server/auth/users";

export const metadata: Metadata = { title: "Alerts" };
export const dynamic = "force-dynamic";

export default async function AlertsPage() {
  const signedIn = await sessionUser();
  const user = signedIn ? await getUserById({ id: signedIn.id }) : null;
  if (!user) redirect("/login?callbackUrl=%2Falerts");
  const { alerts, triggered } = await listAlerts({ principal: { userId: user.id, role: user.role, via: "session" } });
  return (
    <div className="flex flex-col gap-8">
      <section className="flex flex-col gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Alerts</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Alerts are checked after each trading day&apos;s close. Price levels fire once; moves and forecast-range breaks can fire
          again on later days. Fired alerts also go to your webhooks (set them up on your <a className="underline" href="/account">account</a>).
        </p>
        <AlertManager alerts={alerts} />
      </section>
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">Fired</h2>
        {triggered.length === 0 ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">Nothing has fired yet.</p>
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
