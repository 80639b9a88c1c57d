import { csvResponse, wantsCsv } from "@/lib/csv";
import { preflight, route } from "@/server/route";
import { filterOf, TRACK_RECORD_COLUMNS, trackRecord, trackRecordCsvRows, trackRecordQuery } from "@/server/ledger";

// GET /api/track-record?symbol=&model=&horizon=&from=&to=&after=&limit=: the hash-chained ledger of served forecasts with their scores
export const GET = route({ name: "/api/track-record", query: trackRecordQuery }, async ({ req, query }) => {
  const page = await trackRecord({ filter: filterOf(query), after: query.after, limit: query.limit });
  if (wantsCsv({ req, format: query.format })) {
    const res = csvResponse({ columns: TRACK_RECORD_COLUMNS, rows: trackRecordCsvRows(page.entries), filename: "track-record.csv" });
    // A CSV has no room for the cursor: the next page is a Link header, as in RFC 8288.
    if (page.nextAfter !== null) {
      const next = new URL(req.url);
      next.searchParams.set("after", String(page.nextAfter));
      res.headers.set("Link", `<${next.pathname}${next.search}>; rel="next"`);
    }
    return res;
  }
  return page;
});
export const OPTIONS = preflight;
