// The bad settings of the issue-19 probe, each with the variable its start-up message must name: checked by the
// configuration check itself (unit) and by the real server script on the build (e2e).
export const BAD_SETTINGS: [Record<string, string>, string][] = [
  [{ FORECAST_WORKERS: "abc" }, "FORECAST_WORKERS"],
  [{ LOG_LEVEL: "verbose" }, "LOG_LEVEL"],
  [{ QUOTE_STREAM_POLL_MS: "-5" }, "QUOTE_STREAM_POLL_MS"],
  [{ PORT: "abc" }, "PORT"],
  [{ FORECAST_MODELS: "bogus" }, "FORECAST_MODELS"],
  [{ JOB_SCHEDULES: "nightly-backup=0 3 * * *" }, "JOB_SCHEDULES"],
  // Production rules: the server script always runs in production; the unit test says so.
  [{ NODE_ENV: "production", JWT_SECRET: "short" }, "JWT_SECRET"],
  [{ NODE_ENV: "production", WEBHOOK_ALLOW_PRIVATE_TARGETS: "1" }, "WEBHOOK_ALLOW_PRIVATE_TARGETS"],
];
