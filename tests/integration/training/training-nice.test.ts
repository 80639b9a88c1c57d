import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getEnv, parseEnv } from "@/env";
import { closeTrainPool, trainPool } from "@/server/training/train-pool";
import { warmTrainPool } from "@/server/training/warm-start";
import { threadNice } from "../../support/crash-worker";
import { setUpPredictionsEnv, type PredictionsTestEnv } from "../support/predictions-test-env";

// The training threads run TRAINING_NICE below the server's priority, each thread on its own (Linux niceness is
// per thread): the test process's other threads, this one included, keep theirs.
let env: PredictionsTestEnv;
beforeAll(async () => {
  env = await setUpPredictionsEnv({ env: { FORECAST_WORKERS: "2", TRAINING_NICE: "7" } });
});
afterAll(async () => env?.teardown());

/** Nice value of every thread of this process, from field 19 of /proc/self/task/<tid>/stat. */
function threadNices(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync("/proc/self/task")) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    out.set(Number(tid), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]));
  }
  return out;
}

describe("training threads' CPU priority", () => {
  it("runs each of the pool's threads at the caller's nice + TRAINING_NICE, and no other thread", async () => {
    expect(getEnv().TRAINING_NICE).toBe(7);
    const base = threadNice();
    const niced = () => [...threadNices().values()].filter((n) => n === base + 7).length;
    expect(niced()).toBe(0);
    await warmTrainPool();
    expect(trainPool()!.stats().threads).toBe(2);
    // Both warm-ups may run on the first thread while the second is still starting (it nices itself first thing).
    await vi.waitFor(() => expect(niced()).toBe(2), { timeout: 60_000, interval: 100 });
    expect([...threadNices().values()].filter((n) => n !== base && n !== base + 7)).toEqual([]);
    expect(threadNice()).toBe(base);
    await closeTrainPool();
    expect(niced()).toBe(0);
  });

  it("defaults to 10 and accepts 0 (no change) to 19", () => {
    expect(parseEnv({}).TRAINING_NICE).toBe(10);
    expect(parseEnv({ TRAINING_NICE: "0" }).TRAINING_NICE).toBe(0);
    expect(() => parseEnv({ TRAINING_NICE: "20" })).toThrow(/TRAINING_NICE/);
  });
});
