// /track-record: every served forecast, recorded before its day in a hash-chained ledger and scored when the
// close is known; the pooled figures per model and horizon in plain words, how to verify the chain, and the
// latest entries. Public: the record is the site's, not a person's.
import type { Metadata } from "next";
import Link from "next/link";
import { getWatchlist, liveMode } from "@/server/market";
import { latestEntries, trackRecord } from "@/server/ledger";
import { loadHistory } from "@/server/price-history";
import { PooledTable } from "@/components/track-record/pooled-table";
import { RecentEntries } from "@/components/track-record/recent-entries";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Track record" };

const link = "font-medium text-sky-700 underline underline-offset-2 dark:text-sky-400";
const muted = "text-sm text-zinc-600 dark:text-zinc-400";

/** The last day of the data this installation forecasts from, when it is the shipped historical set. */
async function historicalEnd(): Promise<string | null> {
  if (liveMode() === "online") return null;
  try {
    const h = await loadHistory({ symbol: getWatchlist()[0] });
    return h.source === "shipped" ? h.asOf : null;
  } catch {
    return null;
  }
}

export default async function TrackRecordPage() {
  const [page, latest, end] = await Promise.all([trackRecord({ limit: 1 }), latestEntries({ limit: 10 }), historicalEnd()]);
  const { counts, summary, head } = page;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Track record</h1>
        <p className={`mt-1 max-w-3xl ${muted}`}>
          Every forecast this site serves is written into a public record before the trading day it is about, and scored once that day&rsquo;s close is known. Each entry carries
          the fingerprint of the one before it, so an entry changed, removed or moved afterwards shows. Not investment advice.
        </p>
      </div>

      <section aria-labelledby="pooled" className="flex flex-col gap-2">
        <h2 id="pooled" className="text-lg font-semibold">
          How the forecasts turned out
        </h2>
        {counts.scored === 0 ? (
          <div className="rounded-xl border border-dashed border-zinc-300 p-5 text-sm text-zinc-700 dark:border-zinc-700 dark:text-zinc-300" data-testid="track-record-empty">
            <p className="font-medium text-zinc-900 dark:text-zinc-100">No scored forecasts yet.</p>
            {counts.entries > 0 ? (
              <p className="mt-1">
                {counts.entries} recorded forecast{counts.entries === 1 ? " is" : "s are"} waiting for the close of {counts.entries === 1 ? "its" : "their"} day.
              </p>
            ) : end ? (
              <p className="mt-1">
                This installation forecasts from the historical data set shipped with Stock Hub, which ends on {end}. Those forecasts are about days long past, so none of them can
                enter the record. With live market data, the record fills day by day.
              </p>
            ) : (
              <p className="mt-1">Nothing has been recorded yet: the record starts with the next forecast served before its day.</p>
            )}
          </div>
        ) : (
          <>
            <p className={muted}>
              {counts.scored} scored forecast{counts.scored === 1 ? "" : "s"}
              {counts.awaiting > 0 ? ` (${counts.awaiting} more waiting for their day's close)` : ""}. A well-calibrated model has about 80% and 95% of closes inside its ranges;
              an error smaller than the last close&rsquo;s means the model beat simply repeating yesterday&rsquo;s price. Errors and scores are in % of the price.
            </p>
            <PooledTable rows={summary} />
          </>
        )}
      </section>

      <section aria-labelledby="verify" className="flex flex-col gap-2">
        <h2 id="verify" className="text-lg font-semibold">
          Check it yourself
        </h2>
        <p className={muted}>
          The record holds {counts.entries} forecast{counts.entries === 1 ? "" : "s"}.{" "}
          {head.seq > 0 ? (
            <>
              Its latest entry is number {head.seq}, with the fingerprint <code className="break-all font-mono text-xs text-zinc-800 dark:text-zinc-200">{head.hash}</code>. Note it
              down: if an earlier entry were ever cut, it would no longer lead here.
            </>
          ) : null}
        </p>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          Download every entry with its fingerprints as{" "}
          <a className={link} href="/api/track-record?limit=1000">
            JSON
          </a>{" "}
          or{" "}
          <a className={link} href="/api/track-record?limit=1000&format=csv" download>
            CSV
          </a>
          ; the <a className={link} href="/docs">API reference</a> explains how each fingerprint is computed (SHA-256 of the entry&rsquo;s fields and the previous fingerprint). With a copy of
          Stock Hub, <code className="font-mono text-xs">npm run cli -- verify-ledger --url</code> followed by this site&rsquo;s address checks the whole chain and names the first entry
          that does not match.
        </p>
      </section>

      {latest.length > 0 && (
        <section aria-labelledby="latest" className="flex flex-col gap-2">
          <h2 id="latest" className="text-lg font-semibold">
            Latest entries
          </h2>
          <RecentEntries entries={latest} />
        </section>
      )}

      <p className={muted}>
        The accuracy each model measured on past days it had not seen is on{" "}
        <Link href="/predict" className={link}>
          Predict
        </Link>
        .
      </p>
    </div>
  );
}
