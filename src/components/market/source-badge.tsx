// Says where a payload came from and how fresh it is; every market number on screen sits near one.
import type { Provenance } from "@/server/market/types";
import { provenanceText } from "@/components/lib/format";

export function SourceBadge({ provenance, className = "" }: { provenance: Provenance; className?: string }) {
  const live = !provenance.historical;
  return (
    <span
      data-testid="source-badge"
      title={live ? "Served by a live market-data provider" : "Served from the historical data set shipped with the app; prices are not live"}
      className={`inline-flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-xs font-medium ${
        live
          ? "border-emerald-200 bg-emerald-50 text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-300"
          : "border-amber-200 bg-amber-50 text-amber-800 dark:border-amber-900/70 dark:bg-amber-950/50 dark:text-amber-300"
      } ${className}`}
    >
      <span aria-hidden className={`size-1.5 rounded-full ${live ? "bg-emerald-500" : "bg-amber-500"}`} />
      {provenanceText(provenance)}
    </span>
  );
}
