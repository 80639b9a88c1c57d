// CSV answers for the API: `?format=csv` or `Accept: text/csv` ask for them; one header row, ISO dates,
// empty cells for missing values. JSON stays the default.
import { stringify } from "csv-stringify/sync";
import { z } from "zod";

export const formatQuery = z.enum(["json", "csv"]).optional();

/** CSV when the query says so, else when the Accept header prefers text/csv over JSON. */
export function wantsCsv({ req, format }: { req: Request; format?: "json" | "csv" }): boolean {
  if (format) return format === "csv";
  const accept = req.headers.get("accept") ?? "";
  return /\btext\/csv\b/i.test(accept) && !/\bapplication\/json\b/i.test(accept);
}

type Cell = string | number | boolean | null | undefined;

export function toCsv({ columns, rows }: { columns: readonly string[]; rows: readonly Record<string, Cell>[] }): string {
  return stringify(
    rows.map((r) => columns.map((c) => r[c] ?? "")),
    { header: true, columns: [...columns], cast: { boolean: (b) => (b ? "true" : "false") } },
  );
}

export function csvResponse({ columns, rows, filename }: { columns: readonly string[]; rows: readonly Record<string, Cell>[]; filename: string }): Response {
  return new Response(toCsv({ columns, rows }), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"` },
  });
}
