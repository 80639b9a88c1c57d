// Earnings-release dates stored from SEC EDGAR (`earnings_dates`, 8-K item 2.02) reach the forecast engine:
// the history loader reads them, a training (in the worker pool) calibrates the event-day term on them and
// its artifacts record that, and serving reads the same dates, widening the intervals before a release the
// filed cadence expects. Tesla's bars cut at 2022-10-18, the day before its Q3 2022 results (filed after the
// close of 2022-10-19): the inference from the bars finds no release due then, the filed record does.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getPredictionRoute } from "@/app/api/predictions/[symbol]/route";
import { getDb } from "@/lib/db";
import { storage } from "@/lib/storage";
import { parseArtifact } from "@/server/forecast/artifacts";
import { MODELS } from "@/server/forecast/model-list";
import { forecastFromArtifacts } from "@/server/forecast/serve";
import { eventFactorAtEnd } from "@/server/forecast/volatility/event-term";
import { loadHistory } from "@/server/price-history";
import { trainSymbol } from "@/server/training/train-symbol";
import { call, setUpPredictionsEnv, signedInUser, type PredictionsTestEnv } from "../support/predictions-test-env";

const rec = JSON.parse(readFileSync("tests/fixtures/providers/edgar/tsla-8k-item-202-2019-2022.json", "utf8")) as { earnings: { filed: string }[]; deliveries: { released: string }[] };
// The recorded table has dates only (stored as midnight: read as after that day's close); the two rows of the
// recorded submissions excerpt carry EDGAR's acceptance time and accession number.
const rows = [
  ...[...rec.earnings.map((e) => e.filed), ...rec.deliveries.map((d) => d.released)]
    .filter((d) => d < "2022-10-01")
    .map((d) => ({ date: d, filedAt: `${d}T00:00:00.000Z`, accession: `recorded-${d}` })),
  { date: "2022-10-03", filedAt: "2022-10-03T06:05:40.000Z", accession: "0001564590-22-033053" },
  { date: "2022-10-19", filedAt: "2022-10-19T17:15:46.000Z", accession: "0001564590-22-034639" },
];

let env: PredictionsTestEnv;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "stock-hub-filed-"));
  const csv = readFileSync("data/TSLA.csv", "utf8").split("\n");
  writeFileSync(join(dataDir, "TSLA.csv"), csv.filter((l, i) => i === 0 || (l && l.slice(0, 10) <= "2022-10-18")).join("\n") + "\n");
  copyFileSync("data/tickers.csv", join(dataDir, "tickers.csv"));
  env = await setUpPredictionsEnv({ env: { MARKET_DATA_DIR: dataDir, FORECAST_MODELS: "naive,drift" } });
});
afterAll(async () => {
  await env?.teardown();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("filed earnings dates: table -> training -> serving", () => {
  it("the history loader hands the stored dates to the engine; a training records them and serving widens before the filed release", async () => {
    const db = await getDb();
    await db.earningsDate.createMany({ data: rows.map((r) => ({ symbol: "TSLA", date: new Date(`${r.date}T00:00:00Z`), source: "sec-edgar", filedAt: new Date(r.filedAt), accession: r.accession })) });

    const { series } = await loadHistory({ symbol: "TSLA" });
    expect(series.dates[series.dates.length - 1]).toBe("2022-10-18");
    expect(series.filed).toHaveLength(24);
    expect(series.filed).toContainEqual({ filedAt: "2022-10-19T17:15:46.000Z" }); // stored, but after the last close

    const trained = await trainSymbol({ symbol: "TSLA", models: ["naive"], reason: "manual" });
    expect(trained.models.map((m) => `${m.model}:${m.status}`)).toEqual(["naive:active"]);
    const row = await db.modelVersion.findFirstOrThrow({ where: { symbol: "TSLA", model: "naive" } });
    const artifact = parseArtifact(new TextDecoder().decode((await storage.get({ key: row.artifactKey }))!));
    const cal = artifact.calibration["1w"]!;
    expect(cal).toMatchObject({ eventMultiplier: 3, eventSource: "filed" });
    // The release days read, by the bar each moved: the results of 2022-07-20 (after the close) on 07-21, the
    // deliveries filed 2022-10-03 06:05 on that day; the results filed after the last close are not among them.
    expect(cal.filedDays).toHaveLength(23);
    expect(cal.filedDays!.slice(-3)).toEqual(["2022-07-05", "2022-07-21", "2022-10-03"]);
    expect(cal.filedDays![0]).toBe("2019-10-24");

    // Serving reads the same dates: the 1-week interval is wider than the same artifact served on inferred days.
    const user = await signedInUser("filed_reader");
    const res = await call(getPredictionRoute, { path: "/api/predictions/TSLA", params: { symbol: "TSLA" }, headers: { authorization: `Bearer ${user.token}` } });
    expect(res.status).toBe(200);
    const served = res.json.models.find((m: { name: string }) => m.name === "naive");
    const [filed] = await forecastFromArtifacts({ artifacts: [artifact], series, specs: MODELS });
    const inferredArtifact = { ...artifact, calibration: { ...artifact.calibration, "1w": { ...cal, eventSource: undefined, filedDays: undefined } } };
    const [inferred] = await forecastFromArtifacts({ artifacts: [inferredArtifact], series, specs: MODELS });
    const width = (f: typeof filed) => Math.log(f.horizons["1w"]!.intervals!["95"].upper / f.horizons["1w"]!.intervals!["95"].lower);
    expect(served.horizons["1w"].intervals["95"][1]).toBeCloseTo(filed.horizons["1w"]!.intervals!["95"].upper, 3);
    const factor = eventFactorAtEnd({ series, steps: 5, multiplier: 3, source: "filed" }) / eventFactorAtEnd({ series, steps: 5, multiplier: 3, source: "inferred" });
    expect(factor).toBeGreaterThan(1.1);
    expect(width(filed) / width(inferred)).toBeCloseTo(factor, 10);
  }, 180_000);
});
