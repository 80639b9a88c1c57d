// Corrupt shipped data folders: every bar is validated, a bad row or file is refused with a reason, the
// symbol shows as degraded, the last valid data keeps serving where it exists, other symbols are untouched,
// and the quote and the daily history (what forecasts use) agree on the last close.
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { getDaily, getStock } from "@/server/market";
import { degradedData } from "@/server/market/data-health";
import { shippedProvider } from "@/server/market/providers/shipped";
import { clearMarketKeys, readCsv, useProviders } from "./setup";

const SYMBOLS = ["AAPL", "MSFT"];
let dir: string;

function freshFolder(): string {
  dir = mkdtempSync(join(tmpdir(), "corrupt-market-"));
  for (const s of SYMBOLS) copyFileSync(`data/${s}.csv`, join(dir, `${s}.csv`));
  copyFileSync("data/tickers.csv", join(dir, "tickers.csv"));
  return dir;
}

async function use(folder: string) {
  useProviders({ env: { MARKET_DATA_DIR: folder } });
  await clearMarketKeys(SYMBOLS);
}

const lastRow = (s: string) => readCsv(s).at(-1)!;
const prevRow = (s: string) => readCsv(s).at(-2)!;
const aaplFile = () => join(dir, "AAPL.csv");
const dropLastLine = (text: string) => text.trimEnd().split("\n").slice(0, -1).join("\n") + "\n";

async function statusOf(symbol: string) {
  return degradedData().find((d) => d.symbol === symbol) ?? null;
}

async function expectUnavailable(symbol: string) {
  const err = await getStock({ symbol }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).status).toBe(503);
  expect((err as AppError).message).toContain("failed validation");
}

async function expectMsftUntouched() {
  const m = await getStock({ symbol: "MSFT" });
  expect(m.price).toBeCloseTo(lastRow("MSFT").close, 6);
  expect(await statusOf("MSFT")).toBeNull();
}

describe("corrupt market data", () => {
  beforeEach(async () => {
    await use(freshFolder());
    return () => rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a negative close: the previous valid row is the quote, the symbol is degraded, /stock and the daily history agree", async () => {
    const text = readFileSync(aaplFile(), "utf8");
    writeFileSync(aaplFile(), `${dropLastLine(text)}2024-03-08,169.0,173.7,168.94,-1,-1,76114600\n`);
    await use(dir);
    const s = await getStock({ symbol: "AAPL" });
    expect(s.price).toBeCloseTo(prevRow("AAPL").close, 6);
    expect(s.time).toBe(prevRow("AAPL").date);
    expect(s.changePercent).toBeGreaterThan(-50);
    const daily = await getDaily({ symbol: "AAPL" });
    expect(daily.bars.at(-1)!.close).toBe(s.price);
    expect(await statusOf("AAPL")).toMatchObject({ source: "shipped", reason: expect.stringContaining("2024-03-08: close is not positive") });
    await expectMsftUntouched();
  });

  it("refuses a row dated in the future: asOf stays the last real date", async () => {
    appendFileSync(aaplFile(), "2099-01-01,170,171,169,170.5,170.5,1000\n");
    await use(dir);
    const s = await getStock({ symbol: "AAPL" });
    expect(s.asOf).toBe(lastRow("AAPL").date);
    expect((await getDaily({ symbol: "AAPL" })).bars.at(-1)!.time).toBe(lastRow("AAPL").date);
    expect((await statusOf("AAPL"))?.reason).toContain("2099-01-01: date is in the future");
  });

  it("refuses impossible, duplicate, out-of-order and non-numeric rows and serves the rest", async () => {
    const text = readFileSync(aaplFile(), "utf8");
    const lines = text.trimEnd().split("\n");
    // Insert bad rows before the last one, so the last real row is still the quote.
    const bad = ["2024-03-07,170,168,171,169,169,100", `${lines[lines.length - 2]!}`, "2023-01-01,1,1,1,1,1,1", "2024-03-07,abc,1,1,1,1,1"];
    writeFileSync(aaplFile(), [...lines.slice(0, -1), ...bad, lines.at(-1)!].join("\n") + "\n");
    await use(dir);
    const s = await getStock({ symbol: "AAPL" });
    expect(s.price).toBeCloseTo(lastRow("AAPL").close, 6);
    const daily = await getDaily({ symbol: "AAPL" });
    expect(daily.bars).toHaveLength(readCsv("AAPL").length);
    expect((await statusOf("AAPL"))?.reason).toMatch(/^4 rows refused/);
  });

  it("refuses a file cut short to 2000 (it would have served a quote from 2000): 503 for that symbol only", async () => {
    const text = readFileSync(aaplFile(), "utf8");
    writeFileSync(aaplFile(), text.split("\n").slice(0, 80).join("\n") + "\n");
    await use(dir);
    await expectUnavailable("AAPL");
    expect((await statusOf("AAPL"))?.reason).toMatch(/data ends 2000-.*before the rest of the set/);
    await expectMsftUntouched();
  });

  it("refuses a garbage file and a directory in place of a file with a 503, never a 500, and other symbols keep serving", async () => {
    writeFileSync(aaplFile(), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe, 0x0a, 0x01, 0x02]));
    await use(dir);
    await expectUnavailable("AAPL");
    expect((await statusOf("AAPL"))?.reason).toContain("no valid rows");
    await expectMsftUntouched();

    rmSync(aaplFile());
    mkdirSync(aaplFile());
    await use(dir);
    await expectUnavailable("AAPL");
    expect((await statusOf("AAPL"))?.reason).toBe("data file is not a regular file");
    await expectMsftUntouched();
  });

  it("keeps serving the last valid copy when a file it already served turns bad, and recovers when it is fixed", async () => {
    const good = readFileSync(aaplFile(), "utf8");
    // The provider itself (the route's cache would hide a re-read for a few seconds).
    const quote = async () => (await shippedProvider.quote("AAPL"))!.price;
    expect(await quote()).toBeCloseTo(lastRow("AAPL").close, 6);
    writeFileSync(aaplFile(), "not,a,csv\n\u0000\u0001garbage\n");
    await new Promise((r) => setTimeout(r, 2_100));
    expect(await quote()).toBeCloseTo(lastRow("AAPL").close, 6);
    expect(await statusOf("AAPL")).toMatchObject({ servingLastValid: true, reason: expect.stringContaining("no valid rows") });

    writeFileSync(aaplFile(), good);
    await new Promise((r) => setTimeout(r, 2_100));
    expect(await quote()).toBeCloseTo(lastRow("AAPL").close, 6);
    expect(await statusOf("AAPL")).toBeNull();
  });
});
