// The signed-in person's watchlists: several named lists; the first is the one on the home page.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { signInPath } from "@/components/auth/sign-in-reason";
import { WatchlistEditor } from "@/components/watchlists/watchlist-editor";
import { sessionUser } from "@/server/auth";
import { listWatchlists } from "@/server/watchlists";

export const metadata: Metadata = { title: "Watchlists" };
export const dynamic = "force-dynamic";

export default async function WatchlistsPage() {
  const user = await sessionUser();
  if (!user) redirect(signInPath("/watchlists"));
  const { watchlists } = await listWatchlists({ userId: user.id });
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Your watchlists</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        The first list is shown on your home page with quotes, a sparkline and whether its forecasts are trained. Add symbols here or with
        the checkboxes on a stock&apos;s page.
      </p>
      <WatchlistEditor initial={watchlists.map((w) => ({ id: w.id, name: w.name, symbols: w.symbols }))} />
    </div>
  );
}
