// /predict: one or several symbols' served forecasts, every model side by side with its measured scores,
// and the history of served forecasts against what happened. The URL holds symbols, horizon and window.
import type { Metadata } from "next";
import { Suspense } from "react";
import Link from "next/link";
import { HORIZON_KEYS, type HorizonKey } from "@/server/forecast/vocabulary";
import { getWatchlist, liveMode, shippedTickers, symbolSchema } from "@/server/market";
import { sessionUser } from "@/server/auth";
import { predictionHistory, servedForecasts, trainingEstimateSec } from "@/server/predictions";
import { loadHistory } from "@/server/price-history";
import { PredictCard } from "@/components/predict/predict-card";
import { HISTORY_WINDOWS, predictHref, PREDICT_MAX_SYMBOLS, type PredictState } from "@/components/predict/predict-url";
import { SymbolPicker } from "@/components/predict/symbol-picker";
import { UrlCorrections } from "@/components/layout/url-corrections";
import { CrossSectionSection } from "@/components/predict/cross-section-section";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Predict" };

type Props = { searchParams: Promise<{ symbols?: string; h?: string; days?: string }> };

const HORIZON_LABELS: Record<HorizonKey, string> = { "1d": "1 trading day", "2d": "2 trading days", "1w": "1 week" };

function parseState(sp: Awaited<Props["searchParams"]>): { state: PredictState; rejected: string[]; notes: string[] } {
  const rejected: string[] = [];
  const notes: string[] = [];
  const symbols: string[] = [];
  for (const raw of (sp.symbols ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const r = symbolSchema.safeParse(raw);
    if (r.success && !symbols.includes(r.data)) symbols.push(r.data);
    else if (!r.success) rejected.push(raw);
  }
  const horizon = (HORIZON_KEYS as string[]).includes(sp.h ?? "") ? (sp.h as HorizonKey) : "1d";
  if (sp.h !== undefined && sp.h !== horizon) notes.push(`Horizon "${sp.h}" is not offered; showing ${HORIZON_LABELS[horizon]} (choose 1 trading day, 2 trading days or 1 week).`);
  const days = HISTORY_WINDOWS.find((d) => String(d) === sp.days) ?? 90;
  if (sp.days !== undefined && sp.days !== String(days)) notes.push(`A history window of "${sp.days}" days is not offered; showing ${days} days (choose ${HISTORY_WINDOWS.join(", ")}).`);
  if (symbols.length > PREDICT_MAX_SYMBOLS) notes.push(`At most ${PREDICT_MAX_SYMBOLS} symbols at once; showing the first ${PREDICT_MAX_SYMBOLS} (${symbols.slice(PREDICT_MAX_SYMBOLS).join(", ")} left out).`);
  return { state: { symbols: symbols.slice(0, PREDICT_MAX_SYMBOLS), horizon, days }, rejected, notes };
}

async function closesOf(symbol: string, days: number) {
  try {
    const { series } = await loadHistory({ symbol });
    const n = series.dates.length;
    const from = Math.max(0, n - Math.ceil(days * 0.7) - 10);
    return series.dates.slice(from).map((date, i) => ({ date, price: series.close[from + i] }));
  } catch {
    return [];
  }
}

export default async function PredictPage({ searchParams }: Props) {
  const { state, rejected, notes } = parseState(await searchParams);
  const userId = (await sessionUser())?.id ?? null;
  const meta = shippedTickers();
  const available = [...new Set([...getWatchlist(), ...meta.keys()])].sort().map((symbol) => ({ symbol, name: meta.get(symbol)?.name ?? "" }));
  const tab = (active: boolean) =>
    `rounded-md px-3 py-1 text-sm ${active ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "bg-zinc-100 text-zinc-700 hover:bg-zinc-200 dark:bg-zinc-800 dark:text-zinc-300"}`;

  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Predict</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Forecasts of every trained model beside the last-close baseline, with the accuracy each one measured on days it had not seen, and how past forecasts turned
          out. Not investment advice.
        </p>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Every forecast served here is also kept in the public{" "}
          <Link href="/track-record" className="font-medium text-sky-700 underline underline-offset-2 dark:text-sky-400">
            track record
          </Link>
          , written before its day and scored when the close is known.
        </p>
      </div>
      <UrlCorrections notes={notes} />
      {!userId ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="predict-sign-in">
          <Link href={`/login?callbackUrl=${encodeURIComponent(predictHref(state))}`} className="font-medium text-sky-700 underline dark:text-sky-400">
            Sign in to see forecasts
          </Link>{" "}
          for the symbols you choose.
        </p>
      ) : (
        <SignedIn state={state} rejected={rejected} userId={userId} available={available} tab={tab} />
      )}
      <Suspense
        fallback={
          <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="cross-section-loading">
            Working out this week&rsquo;s ranking of all symbols…
          </p>
        }
      >
        <CrossSectionSection />
      </Suspense>
    </div>
  );
}

async function SignedIn({ state, rejected, userId, available, tab }: { state: PredictState; rejected: string[]; userId: string; available: { symbol: string; name: string }[]; tab: (a: boolean) => string }) {
  const entries = state.symbols.length ? await servedForecasts({ symbols: state.symbols, userId }) : [];
  const extra = await Promise.all(
    entries.map(async (e) =>
      e.status === "ready" ? { history: await predictionHistory({ symbol: e.symbol, days: state.days }), closes: await closesOf(e.symbol, state.days) } : { history: null, closes: [] },
    ),
  );
  // The measured training time, shown on the train button of untrained symbols (as on the stock page).
  const estimateSec = entries.some((e) => e.status === "untrained") ? await trainingEstimateSec().catch(() => null) : null;
  return (
    <>
      <SymbolPicker state={state} available={available} anySymbol={liveMode() === "online"} />
      {rejected.length > 0 && (
        <p className="text-sm text-rose-700 dark:text-rose-400" role="alert">
          Not ticker symbols, left out: {rejected.join(", ")}.
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <div className="flex flex-wrap gap-2" role="group" aria-label="Forecast horizon">
          {HORIZON_KEYS.map((h) => (
            <Link key={h} href={predictHref({ ...state, horizon: h })} aria-current={h === state.horizon ? "true" : undefined} className={tab(h === state.horizon)}>
              {HORIZON_LABELS[h]}
            </Link>
          ))}
        </div>
        <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-500 dark:text-zinc-400" role="group" aria-label="History window">
          History:
          {HISTORY_WINDOWS.map((d) => (
            <Link key={d} href={predictHref({ ...state, days: d })} aria-current={d === state.days ? "true" : undefined} className={tab(d === state.days)}>
              {d} days
            </Link>
          ))}
        </div>
      </div>
      {entries.length > 0 && <CsvLinks symbols={state.symbols} days={state.days} />}
      {entries.length === 0 ? (
        <div className="rounded-xl border border-dashed border-zinc-300 p-6 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400" data-testid="predict-empty">
          <p className="font-medium text-zinc-800 dark:text-zinc-200">Choose one or more symbols above to compare their forecasts.</p>
          <p className="mt-1">
            For example:{" "}
            {getWatchlist()
              .slice(0, 4)
              .map((s, i) => (
                <span key={s}>
                  {i > 0 && ", "}
                  <Link href={predictHref({ ...state, symbols: [s] })} className="underline underline-offset-2">
                    {s}
                  </Link>
                </span>
              ))}
            .
          </p>
        </div>
      ) : (
        entries.map((e, i) => <PredictCard key={e.symbol} entry={e} horizon={state.horizon} history={extra[i].history} closes={extra[i].closes} estimateSec={estimateSec} />)
      )}
    </>
  );
}

/** The API serves these views as CSV too (text/csv with ?format=csv): the same data for a spreadsheet. */
function CsvLinks({ symbols, days }: { symbols: string[]; days: number }) {
  const list = symbols.join(",");
  const link = "font-medium text-sky-700 underline underline-offset-2 dark:text-sky-400";
  return (
    <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="csv-links">
      Download as CSV:{" "}
      <a href={`/api/predictions?symbols=${list}&format=csv`} download className={link}>
        forecasts
      </a>
      {" · "}
      <a href={`/api/recommendations?symbols=${list}&format=csv`} download className={link}>
        up/down probabilities
      </a>
      {symbols.map((s) => (
        <span key={s}>
          {" · "}
          <a href={`/api/predictions/${encodeURIComponent(s)}/history?days=${days}&format=csv`} download className={link}>
            {s} served forecasts ({days} days)
          </a>
        </span>
      ))}
    </p>
  );
}
