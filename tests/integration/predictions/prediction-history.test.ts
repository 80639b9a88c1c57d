// History of served forecasts: a forecast is served from one day's close, the next trading day arrives
// (a new bar in the data set), the actuals job fills it in, and the history reports error and hits.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getJob } from "@/app/api/jobs/[id]/route";
import { GET as history } from "@/app/api/predictions/[symbol]/history/route";
import { GET as predict } from "@/app/api/predictions/[symbol]/route";
import { resetServicesForTests } from "@/lib/services";
import { queue } from "@/server/jobs";
import { ACTUALS_EVENT } from "@/server/jobs/catalog";
import { trainSymbol } from "@/server/training/train-symbol";
import { call, setUpPredictionsEnv, signedInUser, type PredictionsTestEnv } from "../support/predictions-test-env";

let env: PredictionsTestEnv;
let user: { id: string; token: string };
const marketDir = mkdtempSync(join(tmpdir(), "stock-hub-history-market-"));
const fullCsv = readFileSync("data/AAPL.csv", "utf8");
const lines = fullCsv.trimEnd().split("\n");
const newDay = lines[lines.length - 1].split(",");
const [newDate, newClose] = [newDay[0], Number(newDay[4])];
const yesterday = lines[lines.length - 2].split(",")[0];

beforeAll(async () => {
  cpSync("data", marketDir, { recursive: true });
  // The data set as it stood the evening before its last session.
  writeFileSync(join(marketDir, "AAPL.csv"), `${lines.slice(0, -1).join("\n")}\n`);
  env = await setUpPredictionsEnv({ env: { MARKET_DATA_DIR: marketDir } });
  user = await signedInUser("history_reader");
  await trainSymbol({ symbol: "AAPL", reason: "manual" });
});
afterAll(async () => {
  await env?.teardown();
  rmSync(marketDir, { recursive: true, force: true });
});

const auth = () => ({ authorization: `Bearer ${user.token}` });
const getHistory = (query = "") => call(history, { path: `/api/predictions/AAPL/history${query}`, params: { symbol: "AAPL" }, headers: auth() });

describe("GET /api/predictions/{symbol}/history", () => {
  let served: any;
  it("lists a served forecast with no actual yet", async () => {
    const r = await call(predict, { path: "/api/predictions/AAPL", params: { symbol: "AAPL" }, headers: auth() });
    expect(r.status).toBe(200);
    expect(r.json.asOf).toBe(yesterday);
    served = r.json;
    const h = await getHistory();
    expect(h.status).toBe(200);
    expect(h.json).toMatchObject({ symbol: "AAPL", to: yesterday, days: 90 });
    expect(h.json.rows).toHaveLength(9);
    expect(h.json.rows.every((x: any) => x.actual === null && x.inside95 === null && x.originDate === yesterday)).toBe(true);
    expect(h.json.summary.every((s: any) => s.count === 1 && s.filled === 0 && s.maePercent === null)).toBe(true);
    expect((await call(history, { path: "/api/predictions/AAPL/history", params: { symbol: "AAPL" } })).status).toBe(401);
    expect((await getHistory("?days=0")).status).toBe(400);
    expect((await getHistory("?horizon=3d")).status).toBe(400);
  });

  it("after the next trading day the actuals job fills the 1-day forecasts: error in %, inside flags, hit rates", async () => {
    writeFileSync(join(marketDir, "AAPL.csv"), fullCsv);
    // The data file changed: forget the parsed files and the cached bars, keep the database and the queue.
    await resetServicesForTests({ keep: ["db", "queue", "storage"] });
    const { jobId } = await queue.enqueue(ACTUALS_EVENT, {}, { userId: user.id });
    let j = await call(getJob, { path: `/api/jobs/${jobId}`, params: { id: jobId }, headers: { authorization: `Bearer ${user.token}` } });
    for (let i = 0; i < 400 && !["done", "failed"].includes(j.json.status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      j = await call(getJob, { path: `/api/jobs/${jobId}`, params: { id: jobId }, headers: { authorization: `Bearer ${user.token}` } });
    }
    expect(j.json).toMatchObject({ status: "done", result: { checked: 9, filled: 3 } });

    const h = await getHistory("?horizon=1d");
    expect(h.json.rows).toHaveLength(3);
    for (const row of h.json.rows) {
      const m = served.models.find((x: any) => x.name === row.model).horizons["1d"];
      expect(row).toMatchObject({ horizon: 1, originDate: yesterday, targetDate: newDate, predicted: m.price, actual: newClose });
      expect(row.errorPercent).toBeCloseTo((100 * (m.price - newClose)) / newClose, 3);
      expect(row.inside80).toBe(newClose >= m.intervals["80"][0] && newClose <= m.intervals["80"][1]);
      expect(row.inside95).toBe(newClose >= m.intervals["95"][0] && newClose <= m.intervals["95"][1]);
    }
    for (const s of h.json.summary) {
      const row = h.json.rows.find((x: any) => x.model === s.model);
      expect(s).toEqual({ model: s.model, horizon: 1, count: 1, filled: 1, maePercent: Math.abs(row.errorPercent), hit80: row.inside80 ? 1 : 0, hit95: row.inside95 ? 1 : 0 });
    }
    const naive = await getHistory("?model=naive");
    expect(naive.json.rows.map((x: any) => `${x.horizon}:${x.actual === null ? "open" : "filled"}`)).toEqual(["1:filled", "2:open", "5:open"]);
  });

  it("CSV parses back to the JSON rows", async () => {
    const json = (await getHistory()).json.rows;
    const res = await history(new NextRequest("http://localhost:3000/api/predictions/AAPL/history?format=csv", { headers: auth() }), { params: Promise.resolve({ symbol: "AAPL" }) });
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    const cell = (v: unknown) => (v === null ? "" : String(v));
    expect(rows).toEqual(
      json.map((r: any) => ({
        symbol: "AAPL",
        model: r.model,
        version: cell(r.version),
        horizon: cell(r.horizon),
        origin_date: r.originDate,
        target_date: r.targetDate,
        predicted: cell(r.predicted),
        lower_80: cell(r.lower80),
        upper_80: cell(r.upper80),
        lower_95: cell(r.lower95),
        upper_95: cell(r.upper95),
        actual: cell(r.actual),
        error_percent: cell(r.errorPercent),
        inside_80: cell(r.inside80),
        inside_95: cell(r.inside95),
      })),
    );
  });
});
