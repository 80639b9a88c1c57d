// Served forecasts reach the ledger: a forecast served from the shipped (historical) data in the real present
// is no forecast and is left out; one served the evening before its target session is recorded (one entry per
// model and horizon, no user data), scored by the fill-actuals job when the close arrives, and the chain
// survives the deletion of the account that asked for it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getJob } from "@/app/api/jobs/[id]/route";
import { GET as trackRecordRoute } from "@/app/api/track-record/route";
import { getDb } from "@/lib/db";
import { resetServicesForTests } from "@/lib/services";
import { deleteAccount } from "@/server/auth/account-data";
import { issueAccessToken } from "@/server/auth/tokens";
import { queue } from "@/server/jobs";
import { ACTUALS_EVENT } from "@/server/jobs/catalog";
import { verifyStoredLedger } from "@/server/ledger/read";
import { predictFromActive } from "@/server/predictions/compute";
import { trainSymbol } from "@/server/training/train-symbol";
import { call, setUpPredictionsEnv, type PredictionsTestEnv } from "../support/predictions-test-env";

let env: PredictionsTestEnv;
const marketDir = mkdtempSync(join(tmpdir(), "stock-hub-ledger-market-"));
const fullCsv = readFileSync("data/AAPL.csv", "utf8");
const lines = fullCsv.trimEnd().split("\n");

beforeAll(async () => {
  cpSync("data", marketDir, { recursive: true });
  // The data set as it stood the evening of 2024-03-07, before its last session.
  writeFileSync(join(marketDir, "AAPL.csv"), `${lines.slice(0, -1).join("\n")}\n`);
  env = await setUpPredictionsEnv({ env: { MARKET_DATA_DIR: marketDir } });
});
afterAll(async () => {
  vi.useRealTimers();
  await env?.teardown();
  rmSync(marketDir, { recursive: true, force: true });
});

describe("served forecasts in the ledger", () => {
  it("a forecast served today from the 2024 data set is not recorded: its target day is long past", async () => {
    await trainSymbol({ symbol: "AAPL", reason: "manual" });
    expect((await predictFromActive({ symbol: "AAPL" }))!.asOf).toBe("2024-03-07");
    const db = await getDb();
    expect(await db.prediction.count()).toBe(9);
    expect(await db.ledgerEntry.count()).toBe(0);
  });

  it("served the evening before, each model and horizon is recorded once, with public fields only; the actuals job scores the 1-day ones", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2024-03-07T23:00:00Z"));
    const db = await getDb();
    const user = await db.user.create({ data: { email: "ledger@example.com", username: "ledger_reader", passwordHash: await bcrypt.hash("ledger-pass-words-9", 4), role: "user" } });
    const served = (await predictFromActive({ symbol: "AAPL", userId: user.id }))!;
    expect(served.asOf).toBe("2024-03-07");
    await predictFromActive({ symbol: "AAPL", userId: user.id });
    const rows = await db.ledgerEntry.findMany({ orderBy: { seq: "asc" } });
    expect(rows).toHaveLength(9);
    expect(Object.keys(rows[0]).filter((k) => /user|email/i.test(k))).toEqual([]);
    const naive = served.models.find((m) => m.name === "naive")!;
    const n1 = rows.find((r) => r.model === "naive" && r.horizon === 1)!;
    expect(n1).toMatchObject({
      symbol: "AAPL",
      version: naive.version,
      originClose: 169,
      price: naive.horizons["1d"]!.price,
      lower95: naive.horizons["1d"]!.intervals!["95"][0],
      upper95: naive.horizons["1d"]!.intervals!["95"][1],
      quantiles: naive.horizons["1d"]!.quantiles!.map((q) => q.price),
      source: "shipped",
      recordedAt: new Date("2024-03-07T23:00:00Z"),
    });
    expect(rows.map((r) => r.targetDate.toISOString().slice(0, 10)).sort()).toEqual([...Array(3).fill("2024-03-08"), ...Array(3).fill("2024-03-11"), ...Array(3).fill("2024-03-14")]);

    // The next evening the last session's bar is in; the daily actuals job scores what is due.
    writeFileSync(join(marketDir, "AAPL.csv"), fullCsv);
    await resetServicesForTests({ keep: ["db", "queue", "storage"] });
    vi.setSystemTime(new Date("2024-03-08T23:30:00Z"));
    const { token } = await issueAccessToken({ userId: user.id, role: "user" });
    const { jobId } = await queue.enqueue(ACTUALS_EVENT, {}, { userId: user.id });
    const poll = () => call(getJob, { path: `/api/jobs/${jobId}`, params: { id: jobId }, headers: { authorization: `Bearer ${token}` } });
    let j = await poll();
    for (let i = 0; i < 400 && !["done", "failed"].includes(j.json.status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      j = await poll();
    }
    expect(j.json).toMatchObject({ status: "done", result: { ledger: { checked: 3, scored: 3, skipped: [] } } });
    const page = await call(trackRecordRoute, { path: "/api/track-record?horizon=1d&model=naive" });
    const e = page.json.entries[0];
    expect(e.score).toMatchObject({ actualDate: "2024-03-08", inside95: true });
    expect(e.score.actualClose).toBeCloseTo(170.729996, 6);
    expect(e.score.naiveAbsError).toBeCloseTo(1.0236663, 6); // |170.729996 - 169| / 169
    expect(page.json.summary).toEqual([expect.objectContaining({ model: "naive", horizon: 1, n: 1, coverage95: 1 })]);
    expect(page.json.counts).toEqual({ entries: 1, scored: 1, awaiting: 0 });

    // Deleting the account that asked leaves the chain as it was.
    const before = await db.ledgerEntry.findMany({ orderBy: { seq: "asc" } });
    await deleteAccount({ userId: user.id, password: "ledger-pass-words-9" });
    expect(await db.user.count({ where: { id: user.id } })).toBe(0);
    expect(await db.prediction.count({ where: { originDate: new Date("2024-03-07T00:00:00Z"), userId: null } })).toBe(9);
    expect(await db.ledgerEntry.findMany({ orderBy: { seq: "asc" } })).toEqual(before);
    expect(await verifyStoredLedger()).toMatchObject({ ok: true, checked: 9 });
  });
});
