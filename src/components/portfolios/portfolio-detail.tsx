"use client";
// One portfolio: what it is worth and has gained, what it holds and in which sectors, how it did against the
// equal-weight universe, how much it could lose (with the check of that figure), and the forms that change it.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "@/components/account/call-api";
import { Notice } from "@/components/account/notice";
import { cardClass, inputClass } from "@/components/auth/styles";
import { changeTone, formatPrice, sourceLabel } from "@/components/lib/format";
import { BenchmarkComparison } from "./benchmark-chart";
import { HoldingsTable, SectorMix } from "./holdings-table";
import { RiskPanel } from "./risk-panel";
import { TradeForms } from "./trade-forms";
import { mutedText, smallButton, type PortfolioView } from "./types";

function Figure({ label, value, tone, testId }: { label: string; value: string; tone?: string; testId: string }) {
  return (
    <div className={`${cardClass} flex flex-col gap-1 p-4`}>
      <span className={`text-xs uppercase ${mutedText}`}>{label}</span>
      <span className={`text-lg font-semibold tabular-nums ${tone ?? ""}`} data-testid={testId}>
        {value}
      </span>
    </div>
  );
}

export function PortfolioDetail({ initial }: { initial: PortfolioView }) {
  const [view, setShown] = useState(initial);
  const router = useRouter();
  // A saved change also re-renders the server part of the page, so the list of portfolios above shows the
  // new name and holdings; this component keeps its state (same key) through that refresh.
  const setView = (v: PortfolioView) => {
    setShown(v);
    router.refresh();
  };
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const g = view.gains;

  async function rename(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget).get("name") ?? "").trim();
    if (!name) return setError("Name: give the portfolio a name.");
    const r = await callApi<PortfolioView>(`/api/portfolios/${view.id}`, { method: "PATCH", body: { name } });
    setError(r.error);
    setDone(r.ok ? `Renamed to ${name}.` : null);
    if (r.ok && r.data) setView(r.data);
  }

  async function remove() {
    if (!window.confirm(`Delete ${view.name} and its ${view.transactions.length} transactions?`)) return;
    const r = await callApi(`/api/portfolios/${view.id}`, { method: "DELETE" });
    setError(r.error);
    if (r.ok) window.location.assign("/portfolios");
  }

  return (
    <div className="flex flex-col gap-6" data-testid="portfolio-detail" data-name={view.name}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 className="text-xl font-semibold">{view.name}</h2>
        <form onSubmit={rename} noValidate className="flex w-full max-w-md flex-wrap items-end gap-2 sm:w-auto">
          <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm font-medium">
            Portfolio name
            <input name="name" defaultValue={view.name} maxLength={40} className={inputClass} />
          </label>
          <button type="submit" className={smallButton}>
            Rename
          </button>
          <button type="button" onClick={() => void remove()} className={`${smallButton} text-red-700 dark:text-red-300`}>
            Delete
          </button>
        </form>
      </div>
      <Notice error={error} done={done} testId="portfolio" />

      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Figure label="Value" value={formatPrice(view.value)} testId="portfolio-value" />
        <Figure label="Total gain" value={formatPrice(g.total)} tone={changeTone(g.total)} testId="portfolio-gain" />
        <Figure label="Unrealised" value={formatPrice(g.unrealised)} tone={changeTone(g.unrealised)} testId="portfolio-unrealised" />
        <Figure label="Realised" value={formatPrice(g.realised)} tone={changeTone(g.realised)} testId="portfolio-realised" />
      </div>
      <p className={`text-xs ${mutedText}`}>
        Gains are after {formatPrice(g.fees)} of fees. Cost is the average price paid for the shares held.
        {view.asOf ? ` Prices are the closes of ${view.asOf}${view.source ? ` (${sourceLabel(view.source)})` : ""}.` : ""}
      </p>

      <section className="flex flex-col gap-3" aria-labelledby="holdings-heading">
        <h2 id="holdings-heading" className="text-lg font-semibold">Holdings</h2>
        <HoldingsTable view={view} />
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section className="flex flex-col gap-3" aria-labelledby="sectors-heading">
          <h2 id="sectors-heading" className="text-lg font-semibold">Sector mix</h2>
          {view.sectors.length ? <SectorMix view={view} /> : <p className={`text-sm ${mutedText}`}>No holdings yet.</p>}
        </section>
        <section className="flex flex-col gap-3" aria-labelledby="benchmark-heading">
          <h2 id="benchmark-heading" className="text-lg font-semibold">Against the market</h2>
          <BenchmarkComparison view={view} />
        </section>
      </div>

      <section className="flex flex-col gap-3" aria-labelledby="risk-heading">
        <h2 id="risk-heading" className="text-lg font-semibold">How much could it lose?</h2>
        {view.holdings.length ? <RiskPanel portfolioId={view.id} version={view.updatedAt} /> : <p className={`text-sm ${mutedText}`}>The risk figures appear once the portfolio holds something.</p>}
      </section>

      <section className="flex flex-col gap-3" aria-labelledby="trades-heading">
        <h2 id="trades-heading" className="text-lg font-semibold">Transactions</h2>
        <TradeForms view={view} onChange={setView} />
      </section>
    </div>
  );
}
