// The CLI's commands. `train` goes through the model registry (storage + database + promotion), so the app
// serves what the CLI trained; `train --out DIR` writes plain artifact files instead, under the same keys the
// registry uses (`models/{model}/{version}/{SYMBOL}.json`, from the storage module), for `predict` to read.
import { join } from "node:path";
import { getEnv } from "../../src/env";
import { modelArtifactKey } from "../../src/lib/storage/keys";
import { createLocalStorage } from "../../src/lib/storage/local";
import { forecastWithLoaded, LEVEL_KEYS, loadArtifact, serializeArtifact, trainTicker } from "../../src/server/forecast";
import { defaultDataDir, readSeriesCsv } from "../../src/server/forecast/data";
import { AVAILABLE_MODEL_NAMES, getModelSpec, MODELS } from "../../src/server/forecast/model-list";
import { HORIZON_KEYS, type ModelName } from "../../src/server/forecast/vocabulary";
import { ACCOUNT_COMMANDS, runAccountCommand, type AccountCommand } from "./account";
import { LEDGER_COMMANDS, ledgerUsesDatabase, runLedgerCommand } from "./ledger";
import { parseArgs, PRODUCT_COMMANDS, runProductCommand, type ProductCommand } from "./product";

export const USAGE = `usage (add --json to any product command):
  npm run cli -- status
  npm run cli -- predictions [SYMBOL]
  npm run cli -- recommendations [SYMBOL]
  npm run cli -- history <SYMBOL> [--days 90] [--model arima] [--horizon 1d]
  npm run cli -- update|train <SYMBOL> [--models a,b]   (model registry: the app serves what it trains)
  npm run cli -- export predictions --format csv|json [--from YYYY-MM-DD] [--to YYYY-MM-DD]
  npm run cli -- performance [SYMBOL]
  npm run cli -- train <SYMBOL> --out dir [--models a,b] [--version v1]   (artifact files only)
  npm run cli -- predict <SYMBOL> [--models a,b] [--version v1] [--out dir]
  npm run cli -- backtest <SYMBOL> --model <name> [--origins 504] [--refit-every 21]
  npm run cli -- verify-ledger [--url https://site] [--json]   (checks the track record's hash chain)
  npm run cli -- mail [--status outbox|pending|sent|failed] [--limit 20]   (the mail outbox)
  npm run cli -- reset-password <email> [--sign-out]   (prints a single-use reset link and mails it)
models: ${AVAILABLE_MODEL_NAMES.join(", ")}`;

export class UsageError extends Error {}

/** Product commands use the app's database; `train --out` does not. */
export function usesDatabase(argv: string[]): boolean {
  const [command, ...rest] = argv;
  if ((ACCOUNT_COMMANDS as readonly string[]).includes(command)) return true;
  if ((LEDGER_COMMANDS as readonly string[]).includes(command)) return ledgerUsesDatabase(argv);
  return (PRODUCT_COMMANDS as readonly string[]).includes(command) && !(command === "train" && rest.includes("--out"));
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith("--")) throw new UsageError(`--${name} needs a value`);
  return v;
}
function positiveInt(args: string[], name: string): number | undefined {
  const v = flag(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} must be a positive integer`);
  return n;
}
function modelList(args: string[]): ModelName[] | undefined {
  const v = flag(args, "models");
  if (!v) return undefined;
  const names = v.split(",").map((s) => s.trim()).filter(Boolean);
  for (const n of names) getModelSpec(n);
  return names as ModelName[];
}
const fmt = (x: number | null | undefined, d = 4) => (x === null || x === undefined || !Number.isFinite(x) ? "-" : x.toFixed(d));

export async function runCli({
  argv,
  out = (line) => console.log(line),
  progress = (line) => process.stderr.write(`${line}\n`),
}: {
  argv: string[];
  out?: (line: string) => void;
  progress?: (line: string) => void;
}): Promise<void> {
  const [command, rawSymbol, ...rest] = argv;
  if (!command || command === "help" || command === "--help") return out(USAGE);
  if ((ACCOUNT_COMMANDS as readonly string[]).includes(command)) {
    const { positional, flags } = parseArgs(argv.slice(1));
    return runAccountCommand({ command: command as AccountCommand, positional, flags, out });
  }
  if ((LEDGER_COMMANDS as readonly string[]).includes(command)) return runLedgerCommand({ flags: parseArgs(argv.slice(1)).flags, out, progress });
  if (usesDatabase(argv)) {
    const { positional, flags } = parseArgs(argv.slice(1));
    return runProductCommand({ command: command as ProductCommand, positional, flags, out, progress });
  }
  if (!["train", "predict", "backtest"].includes(command)) throw new UsageError(`Unknown command "${command}"`);
  if (!rawSymbol || rawSymbol.startsWith("--")) throw new UsageError(`${command} needs a symbol`);
  const env = getEnv();
  const series = readSeriesCsv({ dir: env.MARKET_DATA_DIR ?? defaultDataDir(), symbol: rawSymbol });
  const symbol = series.symbol;
  const version = flag(rest, "version") ?? env.MODEL_VERSION;
  const dir = flag(rest, "out") ?? env.MODELS_DIR ?? join(env.DATA_DIR, "models");
  const files = createLocalStorage({ root: dir });
  const keyOf = (model: string) => modelArtifactKey({ model, version, symbol, ext: "json" });

  if (command === "train") {
    const result = await trainTicker({
      specs: MODELS,
      series,
      models: modelList(rest),
      version,
      onProgress: (e) => e.stage !== "done" && progress(`${e.model}: ${e.stage}...`),
    });
    for (const m of result.models) {
      await files.put({ key: keyOf(m.model.name), body: serializeArtifact(m.artifact), contentType: "application/json" });
      const h1 = m.artifact.metrics["1d"];
      out(`${m.model.name.padEnd(14)} fit ${fmt(m.fitMs, 0).padStart(6)} ms  1d MAE/naive ${fmt(h1?.maeRatio)}  cov95 ${fmt(h1?.coverage["95"].coverage, 3)}  -> ${join(dir, keyOf(m.model.name))}`);
    }
    return out(`trained ${result.models.length} models for ${symbol} (final fits ${fmt(result.totalFitMs, 0)} ms, total ${fmt(result.totalMs / 1000, 1)} s)`);
  }

  if (command === "predict") {
    const found: string[] = [];
    for (const name of modelList(rest) ?? AVAILABLE_MODEL_NAMES) {
      const body = await files.get({ key: keyOf(name) });
      if (body) found.push(new TextDecoder().decode(body));
    }
    if (!found.length) {
      throw new UsageError(
        `No artifact files for ${symbol} version ${version} in ${dir}; write them with: npm run cli -- train ${symbol} --out ${dir} ` +
          `(models trained into the registry are served by: npm run cli -- predictions ${symbol})`,
      );
    }
    out(`${symbol} from ${series.dates[series.dates.length - 1]} close ${fmt(series.close[series.close.length - 1], 2)}`);
    for (const text of found) {
      const f = forecastWithLoaded({ loaded: await loadArtifact({ artifact: text, specs: MODELS }), series });
      for (const h of HORIZON_KEYS) {
        const r = f.horizons[h];
        if (!r) continue;
        const iv = LEVEL_KEYS.map((k) => `${k}% [${fmt(r.intervals?.[k].lower, 2)}, ${fmt(r.intervals?.[k].upper, 2)}] cov ${fmt(r.intervals?.[k].coverage, 3)}`);
        out(`${f.model.padEnd(14)} ${h.padEnd(3)} ${fmt(r.price, 2).padStart(9)}  ${iv.join("  ")}`);
      }
    }
    return;
  }

  const model = flag(rest, "model");
  if (!model) throw new UsageError("backtest needs --model <name>");
  getModelSpec(model);
  const result = await trainTicker({ specs: MODELS, series, models: [model as ModelName], origins: positiveInt(rest, "origins"), refitEvery: positiveInt(rest, "refit-every") });
  const m = result.models[0];
  const bt = m.backtest;
  out(`${model} on ${symbol}: origins ${bt.firstOrigin}..${bt.lastOrigin}, ${bt.fits} fits every ${bt.refitEvery} origins, fit ${fmt(bt.fitMs, 1)} ms, predict ${fmt(bt.predictMs, 3)} ms`);
  out(["h", "n", "MAE", "naive", "ratio", "RMSE", "MAPE%", "dir", "p(dir)", "DM", "p(DM)", "cov80", "cov95", "cov99", "kupiec95"].map((s) => s.padStart(9)).join(""));
  for (const h of HORIZON_KEYS) {
    const x = m.artifact.metrics[h];
    if (!x) continue;
    const cells = [h, String(x.n), fmt(x.mae), fmt(x.naiveMae), fmt(x.maeRatio), fmt(x.rmse), fmt(x.mape, 3), fmt(x.direction.accuracy, 3), fmt(x.direction.pValue, 3), fmt(x.dm?.stat, 2), fmt(x.dm?.pValue, 3), fmt(x.coverage["80"].coverage, 3), fmt(x.coverage["95"].coverage, 3), fmt(x.coverage["99"].coverage, 3), fmt(x.coverage["95"].kupiecPValue, 3)];
    out(cells.map((s) => s.padStart(9)).join(""));
  }
}
