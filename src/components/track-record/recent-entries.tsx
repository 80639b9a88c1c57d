// The latest entries of the ledger: what was forecast, for which day, and how it turned out, with the start
// of each entry's fingerprint (the full hashes are in the API and the CSV).
import type { TrackRecordEntry } from "@/server/ledger";
import { formatPrice } from "@/components/lib/format";
import { modelLabel } from "@/components/forecast/model-labels";
import { HORIZON_WORDS } from "./pooled-table";

function outcome(e: TrackRecordEntry): string {
  if (!e.score) return "waiting for the close";
  const where = e.score.inside95 === null ? "" : e.score.inside95 ? ", inside the 95% range" : ", outside the 95% range";
  return `closed at ${formatPrice(e.score.actualClose)}${where}`;
}

export function RecentEntries({ entries }: { entries: TrackRecordEntry[] }) {
  const th = "px-2 py-2 text-left text-xs font-medium text-zinc-600 dark:text-zinc-400";
  const td = "px-2 py-2 tabular-nums align-top";
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="track-record-latest">
        <caption className="sr-only">The latest recorded forecasts</caption>
        <thead className="border-b border-zinc-200 dark:border-zinc-800">
          <tr>
            <th scope="col" className={th}>Entry</th>
            <th scope="col" className={th}>Forecast</th>
            <th scope="col" className={`${th} hidden sm:table-cell`}>95% range</th>
            <th scope="col" className={th}>Outcome</th>
            <th scope="col" className={`${th} hidden md:table-cell`}>Fingerprint</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/60">
              <td className={td}>
                #{e.seq} {e.symbol}
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                  {modelLabel(e.model)}, {HORIZON_WORDS[e.horizon] ?? `${e.horizon} trading days`} to {e.targetDate}
                </span>
              </td>
              <td className={td}>{formatPrice(e.price)}</td>
              <td className={`${td} hidden sm:table-cell`}>{e.lower95 === null || e.upper95 === null ? "none" : `${formatPrice(e.lower95)} – ${formatPrice(e.upper95)}`}</td>
              <td className={td}>{outcome(e)}</td>
              <td className={`${td} hidden font-mono text-xs md:table-cell`} title={e.hash}>
                {e.hash.slice(0, 12)}…
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
