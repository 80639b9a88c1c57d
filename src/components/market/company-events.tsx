// The company's latest SEC filings (annual and quarterly reports, current reports such as earnings
// releases), linked to EDGAR: company events beside the news.
import type { CompanyFiling } from "@/server/market";

export function CompanyEvents({ symbol, filings }: { symbol: string; filings: CompanyFiling[] }) {
  if (filings.length === 0) return null;
  return (
    <section className="rounded-xl border border-zinc-200 p-4 dark:border-zinc-800" data-testid="company-events">
      <h2 className="text-base font-semibold">{symbol} company events</h2>
      <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">Latest filings with the SEC (source: SEC EDGAR).</p>
      <ul className="mt-3 flex flex-col gap-2 text-sm">
        {filings.map((f) => (
          <li key={f.accession} className="flex flex-wrap items-baseline gap-x-2">
            <time dateTime={f.filingDate} className="w-24 shrink-0 tabular-nums text-zinc-500 dark:text-zinc-400">
              {f.filingDate}
            </time>
            <a href={f.url} target="_blank" rel="noreferrer" className="underline-offset-2 hover:underline">
              {f.title}
            </a>
            {f.earnings && <span className="rounded-full bg-sky-50 px-2 py-0.5 text-xs text-sky-800 dark:bg-sky-950/60 dark:text-sky-300">earnings</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
