// The prediction cache names the SEC-filed earnings releases a forecast was computed with: a filing stored
// after a forecast was cached (the daily refresh, a page view reading the filings) is a miss the same day, not
// only after the entry expires. Tesla's two recorded 8-K item 2.02 filings (tests/fixtures/providers/edgar,
// submissions excerpt) stored into the real database one at a time; the shipped TSLA bars end 2024-03-08.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getPredictionRoute } from "@/app/api/predictions/[symbol]/route";
import { cache } from "@/lib/cache";
import { getDb } from "@/lib/db";
import { filedState, predictionCacheKey } from "@/server/predictions/cache";
import type { PredictionResult } from "@/server/predictions/types";
import { trainSymbol } from "@/server/training/train-symbol";
import { call, setUpPredictionsEnv, signedInUser, type PredictionsTestEnv } from "../support/predictions-test-env";

const Q3_DELIVERIES = { date: "2022-10-03", filedAt: "2022-10-03T06:05:40.000Z", accession: "0001564590-22-033053" };
const Q3_RESULTS = { date: "2022-10-19", filedAt: "2022-10-19T17:15:46.000Z", accession: "0001564590-22-034639" };

let env: PredictionsTestEnv;
let token: string;
beforeAll(async () => {
  env = await setUpPredictionsEnv({ env: { FORECAST_MODELS: "naive" } });
  token = (await signedInUser("filed_cache")).token;
});
afterAll(async () => env?.teardown());

const predict = () => call(getPredictionRoute, { path: "/api/predictions/TSLA", params: { symbol: "TSLA" }, headers: { authorization: `Bearer ${token}` } });
const store = async (r: typeof Q3_RESULTS) =>
  (await getDb()).earningsDate.create({ data: { symbol: "TSLA", date: new Date(`${r.date}T00:00:00Z`), source: "sec-edgar", filedAt: new Date(r.filedAt), accession: r.accession } });
const withoutTraining = (body: PredictionResult & { training?: unknown }) => {
  const { training: _, ...result } = body;
  return result;
};

describe("prediction cache and filed release dates", () => {
  it("names the filed state in the key: none, then count and the last release's acceptance time", () => {
    expect(filedState(undefined)).toBe("0");
    expect(filedState([])).toBe("0");
    expect(filedState([{ filedAt: Q3_DELIVERIES.filedAt }, { filedAt: Q3_RESULTS.filedAt }])).toBe("2@2022-10-19T17:15:46.000Z");
    expect(predictionCacheKey({ symbol: "tsla", asOf: "2024-03-08", filed: undefined })).toBe("pred:v1:TSLA:2024-03-08:filed=0");
    expect(predictionCacheKey({ symbol: "TSLA", asOf: "2024-03-08", filed: [{ filedAt: Q3_RESULTS.filedAt }] })).toBe("pred:v1:TSLA:2024-03-08:filed=1@2022-10-19T17:15:46.000Z");
  });

  it("a filing stored after the forecast was cached is a miss at once; the entry computed on it is then a hit", async () => {
    await trainSymbol({ symbol: "TSLA", models: ["naive"], reason: "manual" });
    const first = await predict();
    expect(first.status).toBe(200);
    expect(first.headers.get("x-cache")).toBe("MISS");
    expect(first.json.asOf).toBe("2024-03-08");
    expect((await predict()).headers.get("x-cache")).toBe("HIT");
    expect(await cache.get("pred:v1:TSLA:2024-03-08:filed=0")).toEqual(withoutTraining(first.json));

    await store(Q3_RESULTS);
    const afterOne = await predict();
    expect(afterOne.headers.get("x-cache")).toBe("MISS");
    expect(await cache.get("pred:v1:TSLA:2024-03-08:filed=1@2022-10-19T17:15:46.000Z")).toEqual(withoutTraining(afterOne.json));
    expect((await predict()).headers.get("x-cache")).toBe("HIT");

    // An earlier release stored later (the count changes, the last one does not): a miss too.
    await store(Q3_DELIVERIES);
    const afterTwo = await predict();
    expect(afterTwo.headers.get("x-cache")).toBe("MISS");
    expect(await cache.get("pred:v1:TSLA:2024-03-08:filed=2@2022-10-19T17:15:46.000Z")).toEqual(withoutTraining(afterTwo.json));
    const again = await predict();
    expect(again.headers.get("x-cache")).toBe("HIT");
    expect(again.json.generatedAt).toBe(afterTwo.json.generatedAt);
  }, 120_000);
});
