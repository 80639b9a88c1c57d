// A training job whose process is killed (kill -9) mid-run: after the restart the job is marked interrupted
// within seconds, GET /api/models/{symbol} no longer says "training", and a person can retrain at once.
// The killed process is a real one (tests/support/train-until-killed.ts) on the same Postgres schema.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getModels } from "@/app/api/models/[symbol]/route";
import { POST as train } from "@/app/api/train/route";
import { getDb } from "@/lib/db";
import { queue } from "@/server/jobs";
import { HEARTBEAT_MS, INTERRUPTED_ERROR, STALE_AFTER_MS, startJobRecovery } from "@/server/jobs/recovery";
import { call, setUpPredictionsEnv, type PredictionsTestEnv } from "../support/predictions-test-env";

const ADMIN_KEY = "admin-key-for-crash-recovery-0123456789";
let env: PredictionsTestEnv;
let child: ChildProcess | undefined;
let stopRecovery = () => undefined as void;
beforeAll(async () => {
  env = await setUpPredictionsEnv({ env: { ADMIN_API_KEY: ADMIN_KEY } });
});
afterAll(async () => {
  stopRecovery();
  child?.kill("SIGKILL");
  await env?.teardown();
});

/** Starts the doomed process; resolves with its running job's id. */
function startTraining(symbol: string): Promise<string> {
  // Every model: a training long enough (tens of seconds) to be killed in the middle of.
  child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "tests/support/train-until-killed.ts", symbol], { env: { ...process.env, FORECAST_MODELS: "" }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  return new Promise((resolve, reject) => {
    child!.stderr!.on("data", (c) => (err += c));
    child!.stdout!.on("data", (c) => {
      out += c;
      const m = /running (\S+)\n/.exec(out);
      if (m) resolve(m[1]);
    });
    child!.on("exit", (code) => reject(new Error(`training process exited ${code} before its job ran: ${err}`)));
  });
}

const models = (symbol: string) => call(getModels, { path: `/api/models/${symbol}`, params: { symbol } });

describe("a training job whose process is killed", () => {
  it("is marked interrupted within seconds of the restart; readiness stops saying training; a retrain runs at once", async () => {
    const jobId = await startTraining("MSFT");
    expect((await models("MSFT")).json.trainingJobs).toEqual([jobId]);

    child!.kill("SIGKILL");
    await new Promise((r) => child!.once("exit", r));
    const killedAt = Date.now();
    // The restarted server: its start-up begins the heartbeat and sweep.
    stopRecovery = startJobRecovery();
    const db = await getDb();
    let row = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    while (row.status === "running" && Date.now() - killedAt < 60_000) {
      await new Promise((r) => setTimeout(r, 250));
      row = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    }
    const seconds = (Date.now() - killedAt) / 1000;
    expect(row.status).toBe("interrupted");
    expect(row.error).toBe(INTERRUPTED_ERROR);
    expect(row.finishedAt).not.toBeNull();
    expect(seconds).toBeLessThan((STALE_AFTER_MS + 2 * HEARTBEAT_MS) / 1000 + 2);

    const status = await models("MSFT");
    expect(status.status).toBe(200);
    expect(status.json.trainingJobs).toEqual([]);
    expect(status.json.models.filter((m: { readiness: string }) => m.readiness === "training")).toEqual([]);

    const again = await call(train, { method: "POST", path: "/api/train", body: { symbols: ["MSFT"], models: ["naive", "drift"] }, headers: { "x-api-key": ADMIN_KEY } });
    expect(again.status).toBe(202);
    expect(again.json.job_id).not.toBe(jobId);
    await queue.runner()!.idle();
    expect((await db.job.findUniqueOrThrow({ where: { id: again.json.job_id } })).status).toBe("done");
    // A separate process's tsx start and a full training's first steps: minutes on a loaded 2-core machine.
  }, 400_000);
});
