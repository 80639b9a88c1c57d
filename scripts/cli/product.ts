// The product commands of the CLI: the same server functions the REST API calls, printed as text or, with
// --json, as the API's JSON. On the embedded database the CLI opens the data folder itself, so the server
// must be stopped; it checks and says so rather than risk two processes writing one PGlite folder.
import { getEnv } from "../../src/env";
import { toCsv } from "../../src/lib/csv";
import { HORIZON_KEYS, type HorizonKey } from "../../src/server/forecast/vocabulary";

export const PRODUCT_COMMANDS = ["status", "predictions", "recommendations", "history", "update", "train", "export", "performance"] as const;
export type ProductCommand = (typeof PRODUCT_COMMANDS)[number];

export class CliError extends Error {}

export interface ProductArgs {
  command: ProductCommand;
  positional: string[];
  flags: Record<string, string | true>;
  out: (line: string) => void;
  /** Progress lines of long commands (stderr by default, so --json output stays parseable). */
  progress?: (line: string) => void;
}

const fmt = (x: number | null | undefined, d = 2) => (x === null || x === undefined || !Number.isFinite(x) ? "-" : x.toFixed(d));
const pct = (x: number | null | undefined, d = 1) => (x === null || x === undefined ? "-" : `${(x * 100).toFixed(d)}%`);

/** Refuses to open the embedded database while a server on this machine holds it. */
export async function assertEmbeddedDatabaseFree(): Promise<void> {
  const env = getEnv();
  if (env.DATABASE_URL) return;
  const url = `http://127.0.0.1:${env.PORT}/api/ping`;
  const up = await fetch(url, { signal: AbortSignal.timeout(1500) })
    .then((r) => r.status < 500)
    .catch(() => false);
  if (up) {
    throw new CliError(
      `The Stock Hub server is running (it answered on port ${env.PORT}) and holds the embedded database in ${env.DATA_DIR}. ` +
        `Stop the server (Ctrl+C where \`npm start\` runs) and run this command again, or ask the running server through the REST API instead, ` +
        `e.g. curl -H "Authorization: Bearer <token>" http://127.0.0.1:${env.PORT}/api/predictions`,
    );
  }
}

function horizonFlag(v: string | true | undefined): HorizonKey | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "string" || !(HORIZON_KEYS as string[]).includes(v)) throw new CliError(`--horizon must be one of ${HORIZON_KEYS.join(", ")}`);
  return v as HorizonKey;
}
function dateFlag(v: string | true | undefined, name: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new CliError(`--${name} must be a date like 2024-03-08`);
  return v;
}

export async function runProductCommand({ command, positional, flags, out, progress = (l) => process.stderr.write(`${l}\n`) }: ProductArgs): Promise<void> {
  const json = flags.json === true;
  const print = (value: unknown, text: () => void) => (json ? out(JSON.stringify(value, null, 2)) : text());
  const symbol = positional[0]?.toUpperCase();
  await assertEmbeddedDatabaseFree();

  if (command === "status") {
    const { getStatus } = await import("../../src/server/status");
    const { getWatchlist } = await import("../../src/server/market");
    const { servableVersions } = await import("../../src/server/predictions");
    const report = await getStatus();
    const models: { symbol: string; activeModels: string[] }[] = [];
    for (const s of getWatchlist()) models.push({ symbol: s, activeModels: (await servableVersions({ symbol: s })).map((v) => v.model) });
    return print({ ...report, models }, () => {
      out(JSON.stringify(report));
      for (const m of models) out(`${m.symbol.padEnd(6)} ${m.activeModels.length ? m.activeModels.join(", ") : "untrained"}`);
    });
  }

  if (command === "predictions") {
    const { servedForecasts } = await import("../../src/server/predictions");
    const entries = await servedForecasts({ symbols: symbol ? [symbol] : undefined });
    return print({ predictions: entries }, () => {
      for (const e of entries) {
        if (e.status !== "ready") {
          out(`${e.symbol}: ${e.status === "untrained" ? `untrained (run: npm run cli -- train ${e.symbol})` : e.status === "error" ? e.error.message : e.status}`);
          continue;
        }
        out(`${e.symbol} from the close of ${e.asOf} (${fmt(e.lastClose)}), ${e.historical ? "historical data set, not live" : e.source}`);
        for (const m of e.models)
          for (const h of HORIZON_KEYS) {
            const p = m.horizons[h];
            if (p) out(`  ${m.name.padEnd(14)} ${h.padEnd(3)} ${fmt(p.price).padStart(9)}  95% [${fmt(p.intervals?.["95"][0])}, ${fmt(p.intervals?.["95"][1])}]  MAE/naive ${fmt(p.backtest?.maeRatio, 3)}  95% held ${pct(p.backtest?.coverage95)}`);
          }
      }
    });
  }

  if (command === "recommendations") {
    const { recommendations } = await import("../../src/server/recommendations");
    const r = await recommendations({ symbols: symbol ? [symbol] : undefined, strict: Boolean(symbol) });
    return print(r, () => {
      out(r.disclaimer);
      for (const s of r.recommendations) {
        if (s.status !== "ready") {
          out(`${s.symbol}: ${s.reason}`);
          continue;
        }
        for (const h of s.horizons)
          out(`${s.symbol.padEnd(6)} ${h.horizon.padEnd(3)} ${h.signal.padEnd(8)} P(up) ${fmt(h.probabilityUp, 3)}  adj. p ${fmt(h.skill?.adjustedPValue, 3)}  Brier ${fmt(h.confidence?.brier, 4)} (baseline ${fmt(h.confidence?.brierBaseline, 4)})`);
      }
    });
  }

  if (command === "history") {
    if (!symbol) throw new CliError("history needs a symbol");
    const { predictionHistory } = await import("../../src/server/predictions");
    const days = flags.days === undefined ? undefined : Number(flags.days);
    if (days !== undefined && (!Number.isInteger(days) || days < 1)) throw new CliError("--days must be a positive integer");
    const h = await predictionHistory({ symbol, days, model: typeof flags.model === "string" ? flags.model : undefined, horizon: horizonFlag(flags.horizon) });
    return print(h, () => {
      out(`${h.symbol}: ${h.rows.length} served forecasts${h.from ? ` with origins ${h.from}..${h.to}` : ""}`);
      for (const s of h.summary) out(`  ${s.model.padEnd(14)} ${String(s.horizon).padStart(2)}d  ${s.count} (${s.filled} known)  MAE ${fmt(s.maePercent)}%  80% held ${pct(s.hit80)}  95% held ${pct(s.hit95)}`);
    });
  }

  if (command === "update" || command === "train") {
    if (!symbol) throw new CliError(`${command} needs a symbol`);
    const { trainSymbol } = await import("../../src/server/training");
    const models = typeof flags.models === "string" ? flags.models.split(",") : undefined;
    const r = await trainSymbol({ symbol, models, reason: "cli", onProgress: (p) => void (p.stage !== "done" && progress(`${p.index}/${p.total} ${p.model}: ${p.stage}...`)) });
    return print(r, () => {
      for (const m of r.models) out(`${m.model.padEnd(14)} ${m.version}  ${m.status.padEnd(9)}  1d MAE/naive ${fmt(m.maeRatio["1d"], 4)}  (${m.reason})`);
      out(`registered ${r.models.length} models for ${r.symbol}, data to ${r.trainedTo} (${fmt(r.totalMs / 1000, 1)} s)`);
    });
  }

  if (command === "export") {
    if (positional[0] !== "predictions") throw new CliError("export supports: export predictions --format csv|json [--from YYYY-MM-DD] [--to YYYY-MM-DD]");
    const format = flags.format ?? (json ? "json" : "csv");
    if (format !== "csv" && format !== "json") throw new CliError("--format must be csv or json");
    const { storedPredictions } = await import("../../src/server/predictions");
    const { HISTORY_COLUMNS, historyCsvRows } = await import("../../src/server/predictions");
    const rows = await storedPredictions({ from: dateFlag(flags.from, "from"), to: dateFlag(flags.to, "to") });
    if (format === "json") return out(JSON.stringify({ predictions: rows }, null, 2));
    const csvRows = rows.flatMap((r) => historyCsvRows(r.symbol, [r]));
    return out(toCsv({ columns: HISTORY_COLUMNS, rows: csvRows }).trimEnd());
  }

  // performance: walk-forward figures of the active versions beside how served forecasts turned out.
  const { getDb } = await import("../../src/lib/db");
  const { figuresOf } = await import("../../src/server/registry");
  const { storedPredictions, summarizeHistory } = await import("../../src/server/predictions");
  const db = await getDb();
  const active = await db.modelVersion.findMany({ where: { status: "active", ...(symbol ? { symbol } : {}) }, include: { metrics: true }, orderBy: [{ symbol: "asc" }, { model: "asc" }] });
  const walkForward = active.flatMap((v) => v.metrics.map((m) => ({ symbol: v.symbol, model: v.model, version: v.version, horizon: m.horizon, ...figuresOf(m) })));
  const served = summarizeHistory((await storedPredictions()).filter((r) => !symbol || r.symbol === symbol));
  print({ walkForward, served }, () => {
    out("walk-forward (held-out origins):");
    for (const w of walkForward) out(`  ${w.symbol.padEnd(6)} ${w.model.padEnd(14)} ${String(w.horizon).padStart(2)}d  MAE/naive ${fmt(w.maeRatio, 3)}  MAPE ${fmt(w.mape)}%  95% held ${pct(w.coverage95)}  n=${w.origins}`);
    out("served forecasts:");
    for (const s of served) out(`  ${(s.symbol ?? "").padEnd(6)} ${s.model.padEnd(14)} ${String(s.horizon).padStart(2)}d  ${s.count} (${s.filled} known)  MAE ${fmt(s.maePercent)}%  95% held ${pct(s.hit95)}`);
  });
}

/** `a b --x 1 --json` -> positional [a, b], flags { x: "1", json: true }. */
export function parseArgs(argv: string[]): { positional: string[]; flags: Record<string, string | true> } {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) {
      positional.push(a);
      continue;
    }
    const name = a.slice(2);
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith("--") && name !== "json") {
      flags[name] = next;
      i++;
    } else flags[name] = true;
  }
  return { positional, flags };
}
