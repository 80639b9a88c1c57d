// End-to-end tests in Debian's Chromium against the production build (`npm run build` first).
import { defineConfig, devices } from "@playwright/test";

// E2E_PORT lets two checkouts on one machine run the suite side by side.
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Where the e2e server sends mail: tests/e2e/account.spec.ts listens there with a real SMTP server. */
export const E2E_SMTP_PORT = PORT + 1000;

/** Models the e2e server trains for a symbol's first forecast (naive is always added). */
export const E2E_FORECAST_MODELS = ["naive", "drift", "arima", "prophet"];

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "off",
    screenshot: "off",
    video: "off",
    launchOptions: { executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } },
  ],
  webServer: {
    // The e2e suite exercises the embedded defaults a new user gets: PGlite in a fresh data folder,
    // the in-memory cache and the shipped data set, whatever the surrounding shell has configured.
    command: "rm -rf var/e2e-data && node scripts/serve.mjs",
    env: {
      DATABASE_URL: "",
      REDIS_URL: "",
      UPSTASH_REDIS_REST_URL: "",
      UPSTASH_REDIS_REST_TOKEN: "",
      MODELS_BUCKET: "",
      DATA_DIR: "var/e2e-data",
      PORT: String(PORT),
      HOST: "127.0.0.1",
      // The first forecast trains in the job: fast models keep that short on the 2-core CI machine; the full
      // model set is covered by unit tests.
      FORECAST_MODELS: E2E_FORECAST_MODELS.join(","),
      // The specs check what a visit does and does not queue, and time the first training: no first-start
      // warm-up of the watchlist in the background.
      WARM_MODELS: "0",
      // Every test reaches the server from 127.0.0.1, so they all share one login/register bucket: the suite
      // registers and signs in several users and sends malformed login/register bodies, and at the default
      // 10 a minute a fast run could be refused. The limit itself is tested in tests/integration.
      RATE_LIMIT_AUTH_PER_MIN: "1000",
      // Reset and confirmation links reach the account spec's SMTP server; while no spec listens, mail waits
      // in the outbox with retries, as it would with a mail server that is down.
      SMTP_URL: `smtp://127.0.0.1:${PORT + 1000}`,
      MAIL_FROM: "Stock Hub <hub@example.org>",
      // The webhook spec registers an endpoint on TEST-NET-3 (documentation range, nothing answers there): a
      // special-purpose range is refused unless the operator lists it, as a self-hoster lists a LAN.
      WEBHOOK_ALLOWED_TARGETS: "203.0.113.0/24",
    },
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
