// Operator CLI (`npm run cli -- help`). Product commands (same server code as the REST API; --json on every one):
//   npm run cli -- status | predictions [SYMBOL] | recommendations [SYMBOL] | history SYMBOL [--days --model --horizon]
//   npm run cli -- update|train SYMBOL [--models a,b]   (model registry: storage + database + promotion)
//   npm run cli -- export predictions --format csv|json [--from YYYY-MM-DD] [--to YYYY-MM-DD] | performance [SYMBOL]
// Engine commands on artifact files, without the database:
//   npm run cli -- train AAPL --out .data/models [--models arima,gbt] [--version v1]
//   npm run cli -- predict AAPL [--models ...] [--version v1] [--out .data/models]
//   npm run cli -- backtest AAPL --model arima [--origins 504] [--refit-every 21]
// Account and mail (operator): npm run cli -- mail [--status outbox] | reset-password EMAIL [--sign-out]
// Track record: npm run cli -- verify-ledger [--url https://site]  (exit 1 and the first broken entry when it fails)
import { runCli, USAGE, UsageError, usesDatabase } from "./cli/run";

const argv = process.argv.slice(2);
let failed = false;
try {
  await runCli({ argv });
} catch (e) {
  process.stderr.write(`error: ${(e as Error).message}\n`);
  if (e instanceof UsageError) process.stderr.write(`${USAGE}\n`);
  failed = true;
} finally {
  if (usesDatabase(argv)) await (await import("../src/lib/db")).closeDb();
}
if (failed) process.exit(1);
