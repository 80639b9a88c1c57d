// JOB_SCHEDULES: an operator's replacement schedules, parsed against the real job list.
import { describe, expect, it } from "vitest";
import { parseSchedules, scheduleOf } from "@/lib/queue/schedules";
import { jobCatalog } from "@/server/jobs/catalog";

const ids = jobCatalog.map((d) => d.id);

describe("JOB_SCHEDULES", () => {
  it("reads job-id=cron entries separated by ';', a TZ prefix and cron lists included", () => {
    expect(parseSchedules("refresh-market=TZ=America/New_York 10 17 * * 1-5; retry-webhooks=*/5 * * * *;", ids)).toEqual({
      "refresh-market": "TZ=America/New_York 10 17 * * 1-5",
      "retry-webhooks": "*/5 * * * *",
    });
    expect(parseSchedules("warm-cache=0,30 9-16 * * 1-5", ids)).toEqual({ "warm-cache": "0,30 9-16 * * 1-5" });
    expect(parseSchedules(undefined, ids)).toEqual({});
    expect(parseSchedules("  ", ids)).toEqual({});
  });

  it("refuses an unknown job and a bad expression, naming the variable", () => {
    expect(() => parseSchedules("nightly-backup=0 3 * * *", ids)).toThrow(/^JOB_SCHEDULES: "nightly-backup" is not a job; the jobs are warm-cache, /);
    expect(() => parseSchedules("refresh-market=61 * * * *", ids)).toThrow('JOB_SCHEDULES: refresh-market: Cron field "61" is out of range 0-59');
    expect(() => parseSchedules("refresh-market", ids)).toThrow(/^JOB_SCHEDULES: refresh-market: Cron expression needs 5 fields/);
    expect(() => parseSchedules("refresh-market=TZ=Mars/Olympus * * * * *", ids)).toThrow(/^JOB_SCHEDULES: refresh-market: /);
  });

  it("a replacement wins over the job's own schedule; a job without one keeps its own or none", () => {
    const schedules = { "refresh-market": "* * * * *", "compute-prediction": "0 * * * *" };
    expect(scheduleOf({ id: "refresh-market", cron: "TZ=America/New_York 5 17 * * 1-5" }, schedules)).toBe("* * * * *");
    expect(scheduleOf({ id: "compute-prediction" }, schedules)).toBe("0 * * * *");
    expect(scheduleOf({ id: "train-models", cron: "TZ=UTC 0 3 * * 0" }, schedules)).toBe("TZ=UTC 0 3 * * 0");
  });
});
