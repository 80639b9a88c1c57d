"use client";
// The stock page's headline slot: the forecast in one sentence once the forecast panel below has it; a
// sign-in link for visitors (forecasts need an account).
import Link from "next/link";
import { ForecastHeadline } from "./forecast-headline";
import { usePublishedForecast } from "./forecast-result-context";

export function StockForecastHeadline({ symbol, signedIn }: { symbol: string; signedIn: boolean }) {
  const result = usePublishedForecast();
  if (result && result.symbol === symbol) return <ForecastHeadline result={result} />;
  if (signedIn) return null;
  return (
    <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="forecast-headline-sign-in">
      <Link href={`/login?callbackUrl=${encodeURIComponent(`/stock/${symbol}`)}`} className="font-medium text-sky-700 underline dark:text-sky-400">
        Sign in
      </Link>{" "}
      to see {symbol}&rsquo;s most likely price for the next day, two days and week, with the ranges it measured.
    </p>
  );
}
