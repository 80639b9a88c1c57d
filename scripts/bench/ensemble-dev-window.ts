// The ensemble's shipped weights and interval settings: the choice on the development window (bars up to
// 2022-03-04) of every shipped ticker, all base models as members (src/server/forecast/held-out.ts). The scored
// window is never read. Prints the choice as JSON on stdout; progress on stderr.
//   npx tsx scripts/bench/ensemble-dev-window.ts [--tickers AAPL,MSFT] [--models naive,drift] [--save FILE]
// --save writes the backtests for `npm run bench:models -- --dev-cache FILE` (scripts/bench/dev-cache.ts).
import { getEnv } from "../../src/env";
import { defaultDataDir, listSymbols, readSeriesCsv } from "../../src/server/forecast/data";
import { selectOn } from "../../src/server/forecast";
import { devTickers, saveDev } from "./dev-cache";
import { BASE_MODELS } from "../../src/server/forecast/model-list";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

async function main() {
  const dir = getEnv().MARKET_DATA_DIR ?? defaultDataDir();
  const tickers = arg("tickers")?.split(",").map((s) => s.trim().toUpperCase()) ?? listSymbols({ dir });
  const wanted = arg("models")?.split(",").map((s) => s.trim());
  const specs = BASE_MODELS.filter((m) => !wanted || m.name === "naive" || wanted.includes(m.name));
  const dev = await devTickers({ series: tickers.map((symbol) => readSeriesCsv({ dir, symbol })), specs, cache: arg("load"), log: (m) => process.stderr.write(m + "\n") });
  const save = arg("save");
  if (save) saveDev(save, dev, { members: specs.map((m) => m.name) });
  const s = selectOn(dev, tickers);
  process.stdout.write(JSON.stringify({ tickers, members: specs.map((m) => m.name), intervals: s.intervals, intervalScores: s.intervalScores.map((x) => Number(x.toFixed(5))), weights: s.weights, crps: s.crps }, null, 2) + "\n");
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
