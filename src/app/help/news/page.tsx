// /help/news: what the news pages need, for whoever runs the site. Served by the app so it works offline;
// it points at the README's "News" section for the exact setting rather than printing setting names.
import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Connecting a news service" };

export default function NewsHelpPage() {
  return (
    <article className="mx-auto flex max-w-2xl flex-col gap-4 text-sm leading-6 text-zinc-700 dark:text-zinc-300" data-testid="news-help">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-100">Connecting a news service</h1>
      <p>
        Prices, charts and forecasts come with the site: it ships a historical data set. Headlines do not. They come from a news service, and this site can use either of two:
      </p>
      <ul className="list-disc pl-5">
        <li>
          <strong>Finnhub</strong>: market and company headlines. The site scores each headline&apos;s sentiment itself with a finance word list.
        </li>
        <li>
          <strong>Alpha Vantage</strong>: headlines with the service&apos;s own sentiment score. Its free plan allows only a few requests a day.
        </li>
      </ul>
      <h2 className="text-lg font-semibold text-zinc-900 dark:text-zinc-100">If you run this site</h2>
      <ol className="list-decimal pl-5">
        <li>Get an API key from Finnhub or Alpha Vantage (both have a free plan).</li>
        <li>
          Add it to the site&apos;s configuration. The setting&apos;s name is in the &ldquo;News&rdquo; section, under &ldquo;Configuration&rdquo;, of the README in the app&apos;s
          folder.
        </li>
        <li>Restart the site. The News page then lists headlines, lets you filter them by symbol and sentiment, and charts the daily average sentiment.</li>
      </ol>
      <p>If you only visit this site, nothing is wrong on your side: its operator has not connected a news service.</p>
      <p>
        <Link href="/news" className="font-medium text-sky-700 underline dark:text-sky-400">
          Back to News
        </Link>
      </p>
    </article>
  );
}
