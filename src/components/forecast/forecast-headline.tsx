// The forecast in one sentence per horizon (1 day, 2 days, 1 week), above everything else on the stock page
// and on each /predict card. Pure view: the numbers come from forecast-headline.ts, the API's figures unchanged.
import type { PredictionResult } from "@/server/predictions";
import { formatAsOf, formatPrice } from "@/components/lib/format";
import { headlineLines, headlineSentence, heldSentence, HORIZON_WORDS, sourceSentence } from "./headline-lines";

export function ForecastHeadline({ result, title }: { result: PredictionResult; title?: string }) {
  const lines = headlineLines(result);
  if (lines.length === 0) return null;
  return (
    <section aria-label={title ?? `${result.symbol} forecast in brief`} data-testid="forecast-headline" data-as-of={result.asOf}>
      {title && <h2 className="mb-2 text-lg font-semibold tracking-tight">{title}</h2>}
      <ul className="grid gap-3 md:grid-cols-3">
        {lines.map((l) => (
          <li
            key={l.horizon}
            data-testid="headline-line"
            data-horizon={l.horizon}
            data-model={l.model}
            className="rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900/40"
          >
            <p className="text-xs font-medium uppercase tracking-wide text-zinc-600 dark:text-zinc-400">{HORIZON_WORDS[l.horizon]}</p>
            <p className="mt-1 text-base text-zinc-900 dark:text-zinc-100" data-testid="headline-sentence">
              {headlineSentence(l)}
            </p>
            {heldSentence(l) && (
              <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300" data-testid="headline-held">
                {heldSentence(l)}
              </p>
            )}
            <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400" data-testid="headline-source">
              {sourceSentence(l)}
            </p>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
        From the close of {formatAsOf(result.asOf)} ({formatPrice(result.lastClose)}){result.historical ? ", on the shipped historical data set (not live)" : ""}. Estimates with measured
        error, not investment advice.
      </p>
    </section>
  );
}
