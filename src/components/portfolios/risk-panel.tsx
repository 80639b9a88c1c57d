"use client";
// The portfolio's value at risk and expected shortfall, each beside the check of the same figure on earlier
// days it had not seen, in plain words. Loaded after the page (the first figure for new holdings takes
// seconds) and again whenever the holdings change.
import { useEffect, useState } from "react";
import { cardClass, errorClass } from "@/components/auth/styles";
import { formatPrice } from "@/components/lib/format";
import { formatShare, mutedText, type PortfolioRiskView } from "./types";

type Level = PortfolioRiskView["horizons"][number]["levels"][number];
type State = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; risk: PortfolioRiskView };

const HORIZON_WORDS = { "1d": { title: "Over one trading day", unit: "day", units: "days" }, "1w": { title: "Over one week (5 trading days)", unit: "week", units: "weeks" } } as const;
const ZONE_CLASS = {
  green: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  yellow: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  red: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
} as const;

function oneIn(level: number): string {
  return level === 0.99 ? "1 in 100" : level === 0.95 ? "1 in 20" : `${Math.round((1 - level) * 100)}%`;
}

function LevelBlock({ l, words }: { l: Level; words: (typeof HORIZON_WORDS)[keyof typeof HORIZON_WORDS] }) {
  const b = l.backtest;
  const kupiec = b.kupiecPValue >= 0.05 ? `in line with ${oneIn(l.level)}` : b.exceptions > b.expectedExceptions ? "more often than promised" : "less often than promised";
  return (
    <div className="grid gap-3 border-t border-zinc-200 pt-3 first:border-0 first:pt-0 sm:grid-cols-2 dark:border-zinc-800" data-testid="risk-level" data-level={l.level}>
      <div className="flex flex-col gap-1">
        <p className="text-sm font-medium">{Math.round(l.level * 100)}% confidence</p>
        <p className="text-sm" data-testid="risk-var">
          Value at risk: <strong className="tabular-nums">{formatPrice(l.varAmount)}</strong> ({formatShare(l.var)}). The loss should stay below this on all but the worst {oneIn(l.level)} {words.units}.
        </p>
        <p className="text-sm" data-testid="risk-es">
          Expected shortfall: <strong className="tabular-nums">{formatPrice(l.esAmount)}</strong> ({formatShare(l.es)}): the average loss on those worst {words.units}.
        </p>
      </div>
      <div className="flex flex-col gap-1 text-sm" data-testid="risk-backtest">
        <p>
          Checked on {b.origins} earlier {words.units} with today&apos;s weights: the loss went past the figure made that {words.unit} {b.exceptions} time{b.exceptions === 1 ? "" : "s"} (
          {b.expectedExceptions.toFixed(1)} expected), so it held {formatShare(b.coverage)} of the time.
        </p>
        <p>
          Kupiec test p = <span className="tabular-nums">{b.kupiecPValue.toFixed(2)}</span>: the misses came {kupiec}.
        </p>
        <p>
          Traffic light:{" "}
          <span className={`rounded px-1.5 py-0.5 font-medium ${ZONE_CLASS[b.baselZone.zone]}`} data-testid="risk-zone">
            {b.baselZone.zone}
          </span>{" "}
          ({b.baselZone.exceptions} {b.baselZone.exceptions === 1 ? "miss" : "misses"} in the last {b.baselZone.origins} {words.units}; yellow from {b.baselZone.yellowFrom}, red from {b.baselZone.redFrom}).
        </p>
        {b.esRatio !== null && (
          <p className={mutedText}>On those misses the loss averaged {b.esRatio.toFixed(2)}× the shortfall forecast for them.</p>
        )}
      </div>
    </div>
  );
}

export function RiskPanel({ portfolioId, version }: { portfolioId: string; version: string }) {
  const [state, setState] = useState<State>({ status: "loading" });
  useEffect(() => {
    let live = true;
    setState({ status: "loading" });
    (async () => {
      try {
        const res = await fetch(`/api/portfolios/${encodeURIComponent(portfolioId)}/risk`);
        const json = await res.json().catch(() => null);
        if (!live) return;
        if (res.ok) setState({ status: "ready", risk: json });
        else setState({ status: "error", message: json?.error?.message ?? "The risk figures could not be made just now. Try again in a minute." });
      } catch {
        if (live) setState({ status: "error", message: "The server could not be reached. Check your connection and try again." });
      }
    })();
    return () => {
      live = false;
    };
  }, [portfolioId, version]);

  if (state.status === "loading") {
    return (
      <p role="status" className={`text-sm ${mutedText}`} data-testid="risk-loading">
        Working out the risk figures and checking them on past days. The first time for new holdings this takes up to a minute.
      </p>
    );
  }
  if (state.status === "error") {
    return (
      <p role="alert" className={errorClass} data-testid="risk-error">
        {state.message}
      </p>
    );
  }
  const { risk } = state;
  return (
    <div className="flex flex-col gap-4" data-testid="risk-panel" data-state="ready">
      {risk.horizons.map((h) => {
        const words = HORIZON_WORDS[h.horizon];
        return (
          <section key={h.horizon} className={`${cardClass} flex flex-col gap-3 p-4 sm:p-6`} aria-labelledby={`risk-${h.horizon}`} data-testid="risk-horizon" data-horizon={h.horizon}>
            <h3 id={`risk-${h.horizon}`} className="font-semibold">
              {words.title}
            </h3>
            {h.levels.length === 0 ? <p className="text-sm">{h.reason}</p> : h.levels.map((l) => <LevelBlock key={l.level} l={l} words={words} />)}
          </section>
        );
      })}
      <p className={`text-xs ${mutedText}`} data-testid="risk-method">
        Made from the closes of {risk.asOf}. Each holding&apos;s range is its own calibrated forecast; they are combined with their correlation
        {risk.correlation && risk.correlation.symbols.length > 1
          ? ` (on average ${risk.correlation.meanCorrelation.toFixed(2)} over the last ${risk.correlation.days} days${risk.correlation.symbols.length > 2 ? `, each pulled ${formatShare(risk.correlation.shrinkage)} of the way toward that average to damp noise` : ""})`
          : ""}
        . Every figure above is checked on earlier days the method had not seen. A statistical estimate, not a promise or investment advice.
      </p>
    </div>
  );
}
