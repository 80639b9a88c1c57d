// `npm run cli -- verify-ledger [--url https://site] [--json]`: verifies the track-record ledger's hash chain,
// from this installation's database (the server stopped, on the embedded database) or from any site's public
// GET /api/track-record, and names the first broken entry. Exits 1 when the chain does not verify.
import { chainVerifier, type ChainVerdict } from "../../src/server/ledger/verify";
import type { LedgerEntryView } from "../../src/server/ledger/chain";
import { assertEmbeddedDatabaseFree, CliError } from "./product";

export const LEDGER_COMMANDS = ["verify-ledger"] as const;
export type LedgerCommand = (typeof LEDGER_COMMANDS)[number];

/** The database is opened only without --url. */
export const ledgerUsesDatabase = (argv: string[]) => argv[0] === "verify-ledger" && !argv.includes("--url");

type Page = { head: { seq: number; hash: string }; entries: LedgerEntryView[]; nextAfter: number | null };

async function verifyFromSite(base: string, progress: (line: string) => void): Promise<ChainVerdict> {
  const v = chainVerifier();
  let after = 0;
  let head: Page["head"] | null = null;
  for (;;) {
    const url = new URL(`/api/track-record?limit=1000&after=${after}`, base);
    const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new CliError(`${url} answered ${res.status}`);
    const page = (await res.json()) as Page;
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
    const { verifyStoredLedger } = await import("../../src/server/ledger/read");
    verdict = await verifyStoredLedger();
  }
  if (flags.json === true) out(JSON.stringify(verdict, null, 2));
  else if (verdict.ok) out(verdict.checked ? `ledger verified: ${verdict.checked} entries, head entry ${verdict.last.seq} ${verdict.last.hash}` : "ledger verified: no entries yet");
  else out(`ledger broken at entry ${verdict.broken!.seq}: ${verdict.broken!.message} (entries 1..${verdict.last.seq} verify)`);
  if (!verdict.ok) throw new CliError(`the ledger does not verify (first broken entry: ${verdict.broken!.seq})`);
}
