// Operator CLI for the forecast engine.
//   npm run cli -- train AAPL [--models arima,gbt] [--version v1] [--out .data/models]
//   npm run cli -- train AAPL --register [--models arima,gbt]   (model registry: storage + database + promotion)
//   npm run cli -- predict AAPL [--models ...] [--version v1] [--out .data/models]
//   npm run cli -- backtest AAPL --model arima [--origins 504] [--refit-every 21]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { getEnv } from "../src/env";
import { artifactKey, loadArtifact, serializeArtifact } from "../src/server/forecast/artifacts";
import { defaultDataDir, readSeriesCsv } from "../src/server/forecast/data";
import { LEVEL_KEYS } from "../src/server/forecast/intervals";
import { AVAILABLE_MODEL_NAMES, getModelSpec, MODELS } from "../src/server/forecast/model-list";
import { forecastWithLoaded } from "../src/server/forecast/serve";
import { trainTicker } from "../src/server/forecast/train";
import { HORIZON_KEYS, type ModelName } from "../src/server/forecast/types";

const USAGE = `usage:
  npm run cli -- train <SYMBOL> [--models a,b] [--version v1] [--out dir]
  npm run cli -- train <SYMBOL> --register [--models a,b]
  npm run cli -- predict <SYMBOL> [--models a,b] [--version v1] [--out dir]
  npm run cli -- backtest <SYMBOL> --model <name> [--origins 504] [--refit-every 21]
models: ${AVAILABLE_MODEL_NAMES.join(", ")}`;

class UsageError extends Error {}

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

async function main(argv: string[]) {
  const [command, rawSymbol, ...rest] = argv;
  if (!command || command === "help" || command === "--help") {
    console.log(USAGE);
    return;
  }
  if (!["train", "predict", "backtest"].includes(command)) throw new UsageError(`Unknown command "${command}"`);
  if (!rawSymbol || rawSymbol.startsWith("--")) throw new UsageError(`${command} needs a symbol`);
  const env = getEnv();
  const dir = env.MARKET_DATA_DIR ?? defaultDataDir();
  const series = readSeriesCsv({ dir, symbol: rawSymbol });
  const symbol = series.symbol;
  const version = flag(rest, "version") ?? env.MODEL_VERSION;
  const out = flag(rest, "out") ?? env.MODELS_DIR ?? join(env.DATA_DIR, "models");

  if (command === "train" && rest.includes("--register")) {
    // Same path as the weekly job: artifacts to the configured storage, versions and metrics to the
    // database, promotion rule applied. Loaded lazily: it needs the app's database and storage modules.
    const { trainSymbol } = await import("../src/server/training/train-symbol");
    const { closeDb } = await import("../src/lib/db");
    try {
      const r = await trainSymbol({
        symbol,
        models: modelList(rest),
        reason: "cli",
        onProgress: (p) => {
          if (p.stage !== "done") process.stderr.write(`${p.index}/${p.total} ${p.model}: ${p.stage}...\n`);
        },
      });
      for (const m of r.models) {
        console.log(`${m.model.padEnd(14)} ${m.version}  ${m.status.padEnd(9)}  1d MAE/naive ${fmt(m.maeRatio["1d"])}  (${m.reason})`);
      }
      console.log(`registered ${r.models.length} models for ${r.symbol}, data to ${r.trainedTo} (${fmt(r.totalMs / 1000, 1)} s)`);
    } finally {
      await closeDb();
    }
    return;
  }

  if (command === "train") {
    const models = modelList(rest);
    const result = await trainTicker({
      series,
      models,
      version,
      onProgress: (e) => e.stage !== "done" && process.stderr.write(`${e.model}: ${e.stage}...\n`),
    });
    for (const m of result.models) {
      const file = join(out, artifactKey({ model: m.model.name, version, symbol }));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, serializeArtifact(m.artifact));
      const h1 = m.artifact.metrics["1d"];
      console.log(`${m.model.name.padEnd(14)} fit ${fmt(m.fitMs, 0).padStart(6)} ms  1d MAE/naive ${fmt(h1?.maeRatio)}  cov95 ${fmt(h1?.coverage["95"].coverage, 3)}  -> ${file}`);
    }
    console.log(`trained ${result.models.length} models for ${symbol} (final fits ${fmt(result.totalFitMs, 0)} ms, total ${fmt(result.totalMs / 1000, 1)} s)`);
    return;
  }

  if (command === "predict") {
    const names = modelList(rest) ?? AVAILABLE_MODEL_NAMES;
    const files = names.map((name) => ({ name, file: join(out, artifactKey({ model: name, version, symbol })) })).filter((f) => existsSync(f.file));
    if (!files.length) throw new UsageError(`No artifacts for ${symbol} version ${version} in ${out}; run: npm run cli -- train ${symbol}`);
    console.log(`${symbol} from ${series.dates[series.dates.length - 1]} close ${fmt(series.close[series.close.length - 1], 2)}`);
    for (const { file } of files) {
      const loaded = await loadArtifact({ artifact: readFileSync(file, "utf8"), specs: MODELS });
      const f = forecastWithLoaded({ loaded, series });
      for (const h of HORIZON_KEYS) {
        const r = f.horizons[h];
        if (!r) continue;
        const iv = LEVEL_KEYS.map((k) => `${k}% [${fmt(r.intervals?.[k].lower, 2)}, ${fmt(r.intervals?.[k].upper, 2)}] cov ${fmt(r.intervals?.[k].coverage, 3)}`);
        console.log(`${f.model.padEnd(14)} ${h.padEnd(3)} ${fmt(r.price, 2).padStart(9)}  ${iv.join("  ")}`);
      }
    }
    return;
  }

  const model = flag(rest, "model");
  if (!model) throw new UsageError("backtest needs --model <name>");
  getModelSpec(model);
  const result = await trainTicker({
    series,
    models: [model as ModelName],
    origins: positiveInt(rest, "origins"),
    refitEvery: positiveInt(rest, "refit-every"),
  });
  const m = result.models[0];
  const bt = m.backtest;
  console.log(`${model} on ${symbol}: origins ${bt.firstOrigin}..${bt.lastOrigin}, ${bt.fits} fits every ${bt.refitEvery} origins, fit ${fmt(bt.fitMs, 1)} ms, predict ${fmt(bt.predictMs, 3)} ms`);
  console.log(["h", "n", "MAE", "naive", "ratio", "RMSE", "MAPE%", "dir", "p(dir)", "DM", "p(DM)", "cov80", "cov95", "cov99", "kupiec95"].map((s) => s.padStart(9)).join(""));
  for (const h of HORIZON_KEYS) {
    const x = m.artifact.metrics[h];
    if (!x) continue;
    const cells = [h, String(x.n), fmt(x.mae), fmt(x.naiveMae), fmt(x.maeRatio), fmt(x.rmse), fmt(x.mape, 3), fmt(x.direction.accuracy, 3), fmt(x.direction.pValue, 3), fmt(x.dm?.stat, 2), fmt(x.dm?.pValue, 3), fmt(x.coverage["80"].coverage, 3), fmt(x.coverage["95"].coverage, 3), fmt(x.coverage["99"].coverage, 3), fmt(x.coverage["95"].kupiecPValue, 3)];
    console.log(cells.map((s) => s.padStart(9)).join(""));
  }
}

main(process.argv.slice(2)).catch((e: Error) => {
  process.stderr.write(`error: ${e.message}\n`);
  if (e instanceof UsageError) process.stderr.write(`${USAGE}\n`);
  process.exit(1);
});
