// The signed-in person's portfolios: pick one (or make one), see its figures and risk, and change its trades.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { signInPath } from "@/components/auth/sign-in-reason";
import { PortfolioDetail } from "@/components/portfolios/portfolio-detail";
import { PortfolioList } from "@/components/portfolios/portfolio-list";
import { sessionUser } from "@/server/auth";
import { getPortfolio, listPortfolios } from "@/server/portfolios";

export const metadata: Metadata = { title: "Portfolios" };
export const dynamic = "force-dynamic";

export default async function PortfoliosPage({ searchParams }: { searchParams: Promise<{ id?: string | string[] }> }) {
  const user = await sessionUser();
  if (!user) redirect(signInPath("/portfolios"));
  const { portfolios } = await listPortfolios({ userId: user.id });
  const asked = (await searchParams).id;
  const wanted = typeof asked === "string" ? asked : undefined;
  const chosen = portfolios.find((p) => p.id === wanted) ?? portfolios[0] ?? null;
  const view = chosen ? await getPortfolio({ userId: user.id, id: chosen.id }) : null;
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Your portfolios</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Enter your trades by hand or import them from a CSV file. Stock Hub works out what you hold, what it is worth and has gained, how it
          did against the market, and how much it could lose in a day or a week, with a check of that figure on past days.
        </p>
      </div>
      <PortfolioList portfolios={portfolios} selected={chosen?.id ?? null} />
      {view ? (
        <PortfolioDetail key={view.id} initial={view} />
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="no-portfolios">
          You have no portfolio yet. Give the first one a name above.
        </p>
      )}
    </div>
  );
}
