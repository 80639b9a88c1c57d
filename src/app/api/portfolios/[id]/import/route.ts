import { NextResponse } from "next/server";
import { preflight, route } from "@/server/route";
import { importCsvBodySchema, importCsvFor, MAX_IMPORT_BYTES, portfolioIdParamsSchema, TradesRefused } from "@/server/portfolios";

// POST /api/portfolios/{id}/import: add the transactions of a CSV file (text/csv), all of them or none
export const POST = route(
  { name: "/api/portfolios/[id]/import", auth: "user", params: portfolioIdParamsSchema, body: importCsvBodySchema, bodyType: "csv", maxBodyBytes: MAX_IMPORT_BYTES },
  async ({ principal, params, body }) => {
    try {
      return await importCsvFor({ principal: principal!, id: params.id, csv: body });
    } catch (err) {
      // The standard error body, with every refused row and its line so the file can be fixed in one go.
      if (err instanceof TradesRefused) return NextResponse.json({ error: { code: err.code, message: err.message, rows: err.rows.map(({ line, reason }) => ({ line, reason })) } }, { status: 400 });
      throw err;
    }
  },
);
export const OPTIONS = preflight;
