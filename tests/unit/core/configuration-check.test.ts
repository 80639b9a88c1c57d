// The start-up configuration check (src/server/operations/check-configuration.ts, run by the instrumentation
// hook before the server listens): every bad value the black-box probe used is refused with a message that
// names the variable, including those only a domain module can judge (FORECAST_MODELS).
import { afterEach, describe, expect, it } from "vitest";
import { resetServicesForTests } from "@/lib/services";
import { configurationProblem } from "@/server/operations/check-configuration";
import { BAD_SETTINGS } from "../../support/bad-settings";

const saved = { ...process.env };
afterEach(async () => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
  await resetServicesForTests({ keep: "all" });
});

// Each case starts from the embedded defaults, whatever the shell (CI sets DATABASE_URL and REDIS_URL, and a
// production DATABASE_URL without NEXTAUTH_SECRET would be the first problem named).
function problemWith(vars: Record<string, string>): string | null {
  for (const k of ["DATABASE_URL", "REDIS_URL", "NEXTAUTH_SECRET"]) delete process.env[k];
  Object.assign(process.env, vars);
  void resetServicesForTests({ keep: "all" });
  return configurationProblem();
}

describe("configurationProblem", () => {
  it("is null on the embedded defaults", () => {
    expect(problemWith({})).toBeNull();
  });

  it.each([
    ...BAD_SETTINGS,
    [{ SSE_MAX_CONNECTIONS: "0" }, "SSE_MAX_CONNECTIONS"],
    [{ UPSTASH_REDIS_REST_URL: "https://x.upstash.io" }, "UPSTASH_REDIS_REST_TOKEN"],
    [{ FORECAST_MODELS: "arima,bogus" }, "FORECAST_MODELS"],
    [{ WEBHOOK_ALLOWED_TARGETS: "192.168.1.0/33" }, "WEBHOOK_ALLOWED_TARGETS"],
    [{ WEBHOOK_ALLOWED_TARGETS: "nas.lan:0" }, "WEBHOOK_ALLOWED_TARGETS"],
    [{ WEBHOOK_ALLOWED_TARGETS: "169.254.169.254" }, "WEBHOOK_ALLOWED_TARGETS"],
    [{ WEBHOOK_ALLOWED_TARGETS: "under_score!.lan" }, "WEBHOOK_ALLOWED_TARGETS"],
  ])("%o names %s", (vars, name) => {
    const problem = problemWith(vars);
    expect(problem).toMatch(/^Invalid environment configuration:\n {2}/);
    expect(problem).toContain(`  ${name}: `);
    expect(problem).not.toMatch(/\n\s+at /);
  });

  it("accepts a valid model subset and a valid allow-list", () => {
    expect(problemWith({ FORECAST_MODELS: "arima, prophet" })).toBeNull();
    expect(problemWith({ WEBHOOK_ALLOWED_TARGETS: "192.168.1.0/24, homeassistant.local:8123, [fd00::10]:8080, 10.0.0.5" })).toBeNull();
  });
});
