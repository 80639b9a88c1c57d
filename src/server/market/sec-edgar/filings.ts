// Pure parsing of EDGAR answers: the ticker map, shares outstanding and the recent filings that matter to
// an investor (10-K, 10-Q, 8-K), with 8-K items in words and earnings releases (item 2.02) flagged.
import { isRecord } from "../http";

export interface CompanyFiling {
  form: "10-K" | "10-Q" | "8-K";
  /** "Quarterly report (10-Q)", "Current report (8-K): Results of operations (earnings release)". */
  title: string;
  filingDate: string;
  /** EDGAR's acceptance time (ISO). */
  filedAt: string;
  accession: string;
  items: string[];
  /** An 8-K with item 2.02: the company released its results. */
  earnings: boolean;
  url: string;
}

const FORMS = new Set(["10-K", "10-Q", "8-K"]);
const ITEM_NAMES: Record<string, string> = {
  "1.01": "Material agreement",
  "1.02": "Agreement terminated",
  "2.01": "Acquisition or disposal of assets",
  "2.02": "Results of operations (earnings release)",
  "2.03": "New financial obligation",
  "2.05": "Restructuring costs",
  "3.03": "Change to shareholders' rights",
  "5.02": "Directors or officers changed",
  "5.03": "Articles or bylaws amended",
  "5.07": "Shareholder vote",
  "7.01": "Regulation FD disclosure",
  "8.01": "Other events",
};

/** company_tickers.json: { "0": { cik_str, ticker, title }, ... } as ticker -> { cik, name }. */
export function parseTickerMap(raw: unknown): Map<string, { cik: number; name: string }> {
  const out = new Map<string, { cik: number; name: string }>();
  if (!isRecord(raw)) return out;
  for (const row of Object.values(raw)) {
    if (!isRecord(row) || typeof row.ticker !== "string" || !Number.isInteger(row.cik_str)) continue;
    // EDGAR writes class shares with a dash (BRK-B); the app accepts both, so both spellings map.
    const t = row.ticker.toUpperCase();
    const v = { cik: row.cik_str as number, name: String(row.title ?? t) };
    out.set(t, v);
    if (t.includes("-")) out.set(t.replace(/-/g, "."), v);
  }
  return out;
}

/** The latest dei:EntityCommonStockSharesOutstanding (by period end, then filing date), or null. */
export function parseSharesOutstanding(raw: unknown): { shares: number; asOf: string; filed: string } | null {
  const facts = isRecord(raw) && isRecord(raw.facts) && isRecord(raw.facts.dei) ? raw.facts.dei : null;
  const entry = facts && isRecord(facts.EntityCommonStockSharesOutstanding) ? facts.EntityCommonStockSharesOutstanding : null;
  const rows = entry && isRecord(entry.units) && Array.isArray(entry.units.shares) ? entry.units.shares : [];
  let best: { shares: number; asOf: string; filed: string } | null = null;
  for (const r of rows) {
    if (!isRecord(r) || typeof r.val !== "number" || !(r.val > 0) || typeof r.end !== "string") continue;
    const cand = { shares: r.val, asOf: r.end, filed: typeof r.filed === "string" ? r.filed : r.end };
    if (!best || cand.asOf > best.asOf || (cand.asOf === best.asOf && cand.filed > best.filed)) best = cand;
  }
  return best;
}

const accessionPath = (cik: number, accession: string, doc: string) => `/Archives/edgar/data/${cik}/${accession.replace(/-/g, "")}/${doc}`;

/** submissions/CIK##########.json's recent filings: 10-K, 10-Q and 8-K only, newest first. */
export function parseFilings(raw: unknown, { cik, wwwBase }: { cik: number; wwwBase: string }): CompanyFiling[] {
  const recent = isRecord(raw) && isRecord(raw.filings) && isRecord(raw.filings.recent) ? raw.filings.recent : null;
  if (!recent) return [];
  const col = (k: string): unknown[] => (Array.isArray(recent[k]) ? (recent[k] as unknown[]) : []);
  const [acc, form, date, accepted, items, doc] = ["accessionNumber", "form", "filingDate", "acceptanceDateTime", "items", "primaryDocument"].map(col);
  const out: CompanyFiling[] = [];
  for (let i = 0; i < form!.length; i++) {
    const f = String(form![i]);
    if (!FORMS.has(f) || typeof acc![i] !== "string" || typeof date![i] !== "string") continue;
    const itemList = String(items![i] ?? "").split(",").map((s) => s.trim()).filter((s) => /^\d\.\d\d$/.test(s));
    const words = itemList.map((it) => ITEM_NAMES[it]).filter(Boolean);
    const title = f === "10-K" ? "Annual report (10-K)" : f === "10-Q" ? "Quarterly report (10-Q)" : `Current report (8-K)${words.length ? `: ${words.join("; ")}` : ""}`;
    out.push({
      form: f as CompanyFiling["form"],
      title,
      filingDate: date![i] as string,
      filedAt: typeof accepted![i] === "string" ? (accepted![i] as string) : `${date![i]}T00:00:00.000Z`,
      accession: acc![i] as string,
      items: itemList,
      earnings: f === "8-K" && itemList.includes("2.02"),
      url: `${wwwBase.replace(/\/$/, "")}${accessionPath(cik, acc![i] as string, String(doc![i] ?? ""))}`,
    });
  }
  return out.sort((a, b) => (a.filedAt < b.filedAt ? 1 : -1));
}
