// One set of exchange names across providers. Polygon gives ISO 10383 MIC codes (XNAS), Finnhub the listing
// market's long name ("NASDAQ NMS - GLOBAL MARKET"), Alpha Vantage and the shipped set short names (NASDAQ):
// the same listing must read the same wherever it came from. Pure (no I/O).

const NAMES: [RegExp, string][] = [
  [/^(XNAS|XNGS|XNMS|XNCM|XBOS|XPHL|NASDAQ\b.*|NMS|NGS|NCM)$/, "NASDAQ"],
  [/^(ARCX|NYSE ?ARCA.*|ARCA|PCX)$/, "NYSE Arca"],
  [/^(XASE|AMEX|NYSE ?(MKT|AMERICAN).*)$/, "NYSE American"],
  [/^(XNYS|NYSE|NEW YORK STOCK EXCHANGE.*)$/, "NYSE"],
  [/^(BATS|XCBO|CBOE.*|BZX|CBOE BZX.*)$/, "Cboe"],
  [/^(OTC.*|XOTC|OOTC|PINX|OTCM)$/, "OTC"],
];

/** The display name of a provider's exchange code or name; unknown ones pass through trimmed. */
export function exchangeName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const s = raw.trim().toUpperCase();
  if (!s) return undefined;
  return NAMES.find(([re]) => re.test(s))?.[1] ?? raw.trim();
}
