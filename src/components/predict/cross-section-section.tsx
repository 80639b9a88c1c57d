// "This week's ranking" on /predict: each shipped symbol's chance of each fifth of the group's next-5-session
// returns (the M6 competition's task), and the measured score against saying 20% everywhere, with its noise
// band: "no edge" unless it beats that beyond the noise. A server component streamed behind Suspense.
import { crossSectionForecast, type CrossSectionView } from "@/server/predictions";
import { logger } from "@/lib/logger";

const pct = (p: number) => `${Math.round(p * 100)}%`;
const score = (x: number | null) => (x === null ? "–" : x.toFixed(4));
const signed = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(4)}`;
const FIFTHS = ["Lowest fifth", "2nd", "Middle", "4th", "Highest fifth"];

function Verdict({ v }: { v: CrossSectionView }) {
  const m = v.measured;
  if (m.rps === null || m.band === null || m.difference === null) {
    return <p>Too few weeks with a known outcome to measure it yet, so there is no claim of an edge.</p>;
  }
  return (
    <p data-testid="cross-section-verdict" data-verdict={v.verdict}>
      Measured on {m.weeks} weeks it had not seen ({m.from} to {m.to}): a ranked probability score of <strong>{score(m.rps)}</strong> against {score(m.uniform)} for
      simply saying 20% everywhere (lower is better). The difference, {signed(m.difference)}, has a noise band of {signed(m.band[0])} to {signed(m.band[1])}
      {v.verdict === "edge" ? (
        <>
          , wholly below zero: <strong>a small measured edge</strong>. It comes from knowing which symbols will swing more than the rest, not which way they will go.
        </>
      ) : (
        <>
          : <strong>no edge</strong> over the uniform guess.
        </>
      )}
    </p>
  );
}

export async function CrossSectionSection() {
  let v: CrossSectionView;
  try {
    v = await crossSectionForecast();
  } catch (err) {
    logger.warn("cross-section forecast unavailable", { err });
    return (
      <section aria-labelledby="cross-section" className="rounded-xl border border-zinc-200 p-4 text-sm dark:border-zinc-800" data-testid="cross-section">
        <h2 id="cross-section" className="text-base font-semibold">This week&rsquo;s ranking</h2>
        <p className="mt-1 text-zinc-600 dark:text-zinc-400">The ranking forecast is not available right now.</p>
      </section>
    );
  }
  const th = "px-1.5 py-1.5 text-xs font-medium text-zinc-600 dark:text-zinc-400";
  return (
    <section aria-labelledby="cross-section" className="flex flex-col gap-2 rounded-xl border border-zinc-200 p-4 text-sm text-zinc-700 dark:border-zinc-800 dark:text-zinc-300" data-testid="cross-section">
      <h2 id="cross-section" className="text-base font-semibold text-zinc-900 dark:text-zinc-100">
        This week&rsquo;s ranking
      </h2>
      <p>
        For each of the {v.symbols.length} symbols, the chance that its return over the {v.horizonSessions} trading days after {v.asOf} lands in each fifth of the group, from the
        lowest fifth to the highest (the task of the M6 forecasting competition). It expects no move for any symbol: the chances differ with how widely each one swings and how it
        moves with the others, so a lively symbol, or one that tends to go against the group, leans to both ends.
      </p>
      <Verdict v={v} />
      <details className="rounded-lg border border-zinc-200 dark:border-zinc-800">
        <summary className="flex min-h-11 cursor-pointer items-center px-3 font-medium">Chances for all {v.symbols.length} symbols</summary>
        <div className="overflow-x-auto border-t border-zinc-200 p-2 dark:border-zinc-800">
          <table className="w-full max-w-2xl tabular-nums" data-testid="cross-section-table">
            <caption className="sr-only">Chance of each fifth of the group&rsquo;s returns over the next {v.horizonSessions} trading days</caption>
            <thead>
              <tr>
                <th scope="col" className={`${th} text-left`}>
                  Symbol
                </th>
                {FIFTHS.map((f) => (
                  <th key={f} scope="col" className={`${th} text-right`}>
                    {f}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {v.symbols.map((s) => (
                <tr key={s.symbol} className="border-t border-zinc-100 dark:border-zinc-800/60">
                  <th scope="row" className="px-1.5 py-1 text-left font-medium">
                    {s.symbol}
                  </th>
                  {s.probabilities.map((p, i) => (
                    <td key={i} className="px-1.5 py-1 text-right">
                      {pct(p)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {v.method.label.charAt(0).toUpperCase() + v.method.label.slice(1)}: chosen among four variants on {v.method.chosenOn.weeks} earlier weeks ({v.method.chosenOn.from} to {v.method.chosenOn.to}), before the weeks it is measured on.
        Data: {v.source === "shipped" ? "the historical data set shipped with Stock Hub" : v.source}.
      </p>
    </section>
  );
}
