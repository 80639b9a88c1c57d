// Display formatting shared by server and client components (no server-only imports here).
import type { Provenance, ProviderName } from "@/server/market/types";
import { DELAYED_SOURCES, sourceLabel as labelOf } from "@/lib/market-labels";

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 2 });

export function formatPrice(value: number, currency = "USD"): string {
  if (!Number.isFinite(value)) return "—";
  if (currency === "USD") return usd.format(value);
  return new Intl.NumberFormat("en-US", { style: "currency", currency, maximumFractionDigits: 2 }).format(value);
}

function signed(value: number, suffix: string): string {
  if (!Number.isFinite(value)) return "—";
  const sign = value > 0 ? "+" : value < 0 ? "−" : "";
  return `${sign}${Math.abs(value).toFixed(2)}${suffix}`;
}

export const formatChange = (value: number): string => signed(value, "");
export const formatPercent = (value: number): string => signed(value, "%");

export function formatCompact(value: number | undefined | null): string {
  if (value == null || !Number.isFinite(value)) return "—";
  return compact.format(value);
}

/** Tailwind classes for a signed move; zero is neutral rather than pretending to be up. */
export function changeTone(value: number): string {
  if (value > 0) return "text-emerald-700 dark:text-emerald-400";
  if (value < 0) return "text-rose-700 dark:text-rose-400";
  return "text-zinc-500 dark:text-zinc-400";
}

export function sourceLabel(source: ProviderName | string): string {
  return labelOf(source);
}

const nyMinute = new Intl.DateTimeFormat("en-CA", {
  timeZone: "America/New_York",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** "2024-03-08" stays a date; a timestamp gets its New York time, the exchange clock. */
export function formatAsOf(asOf: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return asOf;
  const d = new Date(asOf);
  if (Number.isNaN(d.getTime())) return asOf;
  // Midnight UTC stamps of daily data are dates, not times.
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0) return d.toISOString().slice(0, 10);
  const parts = nyMinute.formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")} ET`;
}

export function provenanceText(p: Provenance): string {
  const parts = [sourceLabel(p.source), `as of ${formatAsOf(p.asOf)}`];
  // A delayed source says so in its label ("Yahoo Finance, 15-min delayed"): no "live" beside it.
  if (p.historical) parts.push("not live");
  else if (!DELAYED_SOURCES.has(p.source)) parts.push("live");
  if (p.cached) parts.push("cached");
  return parts.join(" · ");
}

const shortDate = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric" });

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return shortDate.format(d);
}
