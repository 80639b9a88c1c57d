// SEC EDGAR on replayed real answers (tests/fixtures/providers/edgar/README.md): the ticker map, filings as
// company events and news, earnings-release dates stored in the database, shares outstanding, the
// User-Agent and the 10 requests/s ceiling.
import { createServer } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { getDb } from "@/lib/db";
import { isOnline } from "@/server/market/online";
import { cikFor, companyFilings, earningsDates, sharesOutstanding } from "@/server/market/sec-edgar";
import { edgarJson, MIN_SPACING_MS } from "@/server/market/sec-edgar/client";
import { getNews } from "@/server/news";
import { setUpAuthTestEnv, type AuthTestEnv } from "../auth/auth-test-env";
import { clearMarketKeys, useProviders, useReplayServer } from "../../unit/market/setup";

const TSLA = "/submissions/CIK0001318605.json";
let env: AuthTestEnv;
beforeAll(async () => {
  env = await setUpAuthTestEnv();
});
afterAll(async () => env?.teardown());

describe("SEC EDGAR", () => {
  const server = useReplayServer();
  const useEdgar = (extra: Record<string, string> = {}) =>
    useProviders({ order: "shipped", env: { SEC_EDGAR: "on", SEC_DATA_URL: server.url, SEC_WWW_URL: server.url, SEC_CONTACT: "ops@example.com", ...extra } });
  beforeEach(async () => {
    useEdgar();
    await clearMarketKeys(["TSLA", "BRK.B"]);
    await (await getDb()).earningsDate.deleteMany({});
    server.on(
      { path: "/files/company_tickers.json", fixture: "edgar/company_tickers.json" },
      { path: TSLA, fixture: "edgar/submissions-CIK0001318605.json" },
      { path: "/api/xbrl/companyfacts/CIK0001318605.json", fixture: "edgar/companyfacts-CIK0001318605.json" },
    );
  });

  it("maps tickers to EDGAR company numbers, class shares in both spellings, with a descriptive User-Agent", async () => {
    expect(await cikFor("TSLA")).toEqual({ cik: 1318605, name: "Tesla, Inc." });
    expect(await cikFor("BRK.B")).toEqual({ cik: 1067983, name: "BERKSHIRE HATHAWAY INC" });
    expect(await cikFor("ZZZZ")).toBeNull();
    expect(server.calls("/files/company_tickers.json")).toHaveLength(1);
    expect(server.requests[0]!.headers["user-agent"]).toBe("StockHub/0.1 (self-hosted market dashboard; ops@example.com)");
  });

  it("lists 10-K/10-Q/8-K filings newest first, with 8-K items in words and earnings releases flagged", async () => {
    const filings = await companyFilings("TSLA");
    expect(filings.map((f) => [f.filingDate, f.form, f.earnings])).toEqual([
      ["2022-10-24", "10-Q", false],
      ["2022-10-19", "8-K", true],
      ["2022-10-03", "8-K", true],
      ["2022-09-28", "8-K", false],
    ]);
    expect(filings[1]).toMatchObject({
      title: "Current report (8-K): Results of operations (earnings release)",
      filedAt: "2022-10-19T17:15:46.000Z",
      items: ["2.02", "9.01"],
      url: `${server.url}/Archives/edgar/data/1318605/000156459022034639/tsla-8k_20221019.htm`,
    });
    expect(filings[3]!.title).toBe("Current report (8-K): Directors or officers changed");
  });

  it("stores earnings-release dates (8-K item 2.02) once per symbol and date, for the forecast engine", async () => {
    await companyFilings("TSLA");
    await clearMarketKeys(["TSLA"]);
    await companyFilings("TSLA"); // read again: nothing doubles
    expect(await earningsDates("TSLA")).toEqual([
      { date: "2022-10-03", filedAt: "2022-10-03T06:05:40.000Z", source: "sec-edgar", accession: "0001564590-22-033053" },
      { date: "2022-10-19", filedAt: "2022-10-19T17:15:46.000Z", source: "sec-edgar", accession: "0001564590-22-034639" },
    ]);
    expect(server.calls(TSLA)).toHaveLength(2);
  });

  it("reads the latest shares outstanding from the company facts", async () => {
    expect(await sharesOutstanding("TSLA")).toEqual({ shares: 3157752449, asOf: "2022-10-18" });
  });

  it("fills /news with filings when no news service is connected", async () => {
    const news = await getNews({ symbol: "TSLA", limit: 3 });
    expect(news.source).toBe("sec-edgar");
    expect(news.articles.map((a) => a.title)).toEqual([
      "Tesla, Inc. (TSLA): Quarterly report (10-Q)",
      "Tesla, Inc. (TSLA): Current report (8-K): Results of operations (earnings release)",
      "Tesla, Inc. (TSLA): Current report (8-K): Results of operations (earnings release); Regulation FD disclosure",
    ]);
    expect(news.articles[0]).toMatchObject({ source: "SEC EDGAR", publishedAt: "2022-10-24T06:08:50.000Z", sentiment: null });
  });

  it("keeps to 10 requests per second", async () => {
    const started = performance.now();
    await Promise.all(Array.from({ length: 6 }, () => edgarJson("www", "/files/company_tickers.json")));
    expect(performance.now() - started).toBeGreaterThanOrEqual(5 * MIN_SPACING_MS - 5);
  });

  it("answers nothing (and news says no provider) when EDGAR is unreachable, marking the process offline", async () => {
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    const port = (srv.address() as { port: number }).port;
    await new Promise<void>((r) => srv.close(() => r()));
    useEdgar({ SEC_DATA_URL: `http://127.0.0.1:${port}`, SEC_WWW_URL: `http://127.0.0.1:${port}` });
    expect(await companyFilings("TSLA")).toEqual([]);
    expect(isOnline()).toBe(false);
    const news = await getNews({ symbol: "TSLA" });
    expect(news).toMatchObject({ articles: [], source: null, configured: false });
  });

  it("validates the contact setting", () => {
    expect(() => parseEnv({ SEC_CONTACT: "not an address" })).toThrow(/SEC_CONTACT: must be an e-mail address/);
    expect(parseEnv({ NODE_ENV: "production", DATABASE_URL: "", SEC_CONTACT: "" }).secEdgar).toBe(true);
    expect(parseEnv({ NODE_ENV: "test" }).secEdgar).toBe(false);
  });
});
