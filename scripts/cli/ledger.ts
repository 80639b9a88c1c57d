// `npm run cli -- verify-ledger [--url https://site] [--json]`: verifies the track-record ledger's hash chain,
// from this installation's database (the server stopped, on the embedded database) or from any site's public
// GET /api/track-record, and names the first broken entry. Exits 1 when the chain does not verify.
import { createStockHubClient } from "../../packages/api-client/index";
import { chainVerifier, type ChainVerdict } from "../../src/server/ledger";
import { assertEmbeddedDatabaseFree, CliError } from "./product";

export const LEDGER_COMMANDS = ["verify-ledger"] as const;
export type LedgerCommand = (typeof LEDGER_COMMANDS)[number];

/** The database is opened only without --url. */
export const ledgerUsesDatabase = (argv: string[]) => argv[0] === "verify-ledger" && !argv.includes("--url");

// Over HTTP through the typed client (packages/api-client), so the CLI reads the documented page shape.
async function verifyFromSite(base: string, progress: (line: string) => void): Promise<ChainVerdict> {
  const api = createStockHubClient({ baseUrl: base });
  const v = chainVerifier();
  let after = 0;
  let head: { seq: number; hash: string } | null = null;
  for (;;) {
    const { data: page, error, response } = await api.GET("/api/track-record", { params: { query: { limit: 1000, after } }, signal: AbortSignal.timeout(30_000) });
    if (!page) throw new CliError(`${response.url} answered ${response.status}${error ? `: ${error.error.message}` : ""}`);
    head = page.head;
    let ok = true;
    for (const e of page.entries) if (!(ok = v.push(e))) break;
    if (!ok || page.nextAfter === null) break;
    after = page.nextAfter;
    progress(`verified up to entry ${after}`);
  }
  return v.finish(head);
}

export async function runLedgerCommand({ flags, out, progress }: { flags: Record<string, string | true>; out: (line: string) => void; progress: (line: string) => void }): Promise<void> {
  if (flags.url === true) throw new CliError("--url needs the site's address, e.g. --url https://stock-hub.example.com");
  let verdict: ChainVerdict;
  if (typeof flags.url === "string") verdict = await verifyFromSite(flags.url, progress);
  else {
    await assertEmbeddedDatabaseFree();
    const { verifyStoredLedger } = await import("../../src/server/ledger");
    verdict = await verifyStoredLedger();
  }
  if (flags.json === true) out(JSON.stringify(verdict, null, 2));
  else if (verdict.ok) out(verdict.checked ? `ledger verified: ${verdict.checked} entries, head entry ${verdict.last.seq} ${verdict.last.hash}` : "ledger verified: no entries yet");
  else out(`ledger broken at entry ${verdict.broken!.seq}: ${verdict.broken!.message} (entries 1..${verdict.last.seq} verify)`);
  if (!verdict.ok) throw new CliError(`the ledger does not verify (first broken entry: ${verdict.broken!.seq})`);
}
