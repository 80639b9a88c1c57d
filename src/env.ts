// The one place that reads process.env. Every setting is validated here with zod;
// a bad value fails start-up with a message that names the variable.
import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { onServicesReset } from "@/lib/services";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();
const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .pipe(z.string().url().optional())
  .optional();
const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");
const int = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(def);

const DEV_SECRET = "stock-hub-dev-secret-do-not-use-in-production";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: int(3000, 1, 65535),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).optional(),
  APP_URL: optionalUrl,

  // Database: PGlite in DATA_DIR by default, Postgres when DATABASE_URL is set.
  DATABASE_URL: optionalString,
  DATA_DIR: z.string().default(".data"),

  // Cache: memory by default; Upstash REST or Redis over TCP when configured.
  REDIS_URL: optionalString,
  UPSTASH_REDIS_REST_URL: optionalUrl,
  UPSTASH_REDIS_REST_TOKEN: optionalString,
  CACHE_MAX_ENTRIES: int(5000, 10),
  // Longest a Redis/Upstash call may take before the in-memory fallback answers.
  CACHE_TIMEOUT_MS: int(500, 10, 60_000),

  // Model artifacts: local folder by default; S3 when MODELS_BUCKET is set.
  MODELS_DIR: optionalString,
  MODELS_BUCKET: optionalString,
  S3_ENDPOINT: optionalUrl,
  S3_REGION: z.string().default("us-east-1"),
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  S3_FORCE_PATH_STYLE: bool,
  MODEL_VERSION: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/).default("v1"),
  // Comma-separated subset of the forecast models to train and serve (default: all); naive is always added.
  FORECAST_MODELS: optionalString,

  // Jobs: in-process runner by default; Inngest when a key or dev mode is set.
  INNGEST_EVENT_KEY: optionalString,
  INNGEST_SIGNING_KEY: optionalString,
  INNGEST_DEV: optionalString,
  INNGEST_BASE_URL: optionalUrl,
  JOB_CONCURRENCY: int(2, 1, 64),
  JOB_TIMEOUT_MS: int(10 * 60_000, 1000),
  // Replacement schedules, "job-id=cron;job-id=cron" (src/lib/queue/schedules.ts; checked at start).
  JOB_SCHEDULES: optionalString,
  /**
   * Worker threads for training and backtests beside the web server; 0 trains on the job's own thread. At
   * least two by default: background training holds one at most, the other is kept for people.
   */
  FORECAST_WORKERS: int(Math.max(2, availableParallelism() - 1), 0, 64),
  /** Added to the training threads' nice value (Linux, per thread): the server's threads run first under contention. */
  TRAINING_NICE: int(10, 0, 19),
  /** New symbols one user may ask to have trained per hour. */
  TRAINING_REQUESTS_PER_HOUR: int(6, 0, 10_000),
  /** On the embedded shape's first start, train the watchlist in the background at low priority (default on). */
  WARM_MODELS: z
    .enum(["1", "0", "true", "false", "yes", "no", ""])
    .optional()
    .transform((v) => !(v === "0" || v === "false" || v === "no")),

  // Market data.
  MARKET_DATA_DIR: optionalString,
  ALPHA_VANTAGE_API_KEY: optionalString,
  FINNHUB_API_KEY: optionalString,
  POLYGON_API_KEY: optionalString,
  ALPHA_VANTAGE_BASE_URL: z.string().url().default("https://www.alphavantage.co"),
  FINNHUB_BASE_URL: z.string().url().default("https://finnhub.io/api/v1"),
  POLYGON_BASE_URL: z.string().url().default("https://api.polygon.io"),
  // Unset: keyed providers first (each only when its key is set), then keyless Yahoo Finance, then the shipped
  // set; under NODE_ENV=test the keyless providers are left out so no test reaches the internet by accident.
  PROVIDER_ORDER: optionalString,
  // Tests point yahoo-finance2 at a replay server: https://<host>/<path> becomes <YAHOO_BASE_URL>/<host>/<path>.
  YAHOO_BASE_URL: optionalUrl,
  // SEC EDGAR (filings, shares outstanding): keyless; on by default except under NODE_ENV=test.
  SEC_EDGAR: z.enum(["on", "off", ""]).optional(),
  // Who to contact about this installation's requests: the SEC asks for it in the User-Agent.
  SEC_CONTACT: z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : v))
    .pipe(z.string().email("must be an e-mail address").optional())
    .optional(),
  SEC_DATA_URL: z.string().url().default("https://data.sec.gov"),
  SEC_WWW_URL: z.string().url().default("https://www.sec.gov"),
  PROVIDER_TIMEOUT_MS: int(8000, 100),
  WATCHLIST: z.string().default("AAPL,MSFT,GOOGL,AMZN,NVDA,META,TSLA,JPM"),

  // HTTP.
  CORS_ORIGIN_LOCAL: z.string().default("http://localhost:3000"),
  CORS_ORIGIN_PROD: optionalString,

  // Auth.
  NEXTAUTH_SECRET: optionalString,
  NEXTAUTH_URL: optionalUrl,
  JWT_SECRET: optionalString,
  ACCESS_TOKEN_EXPIRE_MINUTES: int(1440, 1),
  // Refresh tokens (POST /api/auth/refresh) live this long unless used, which replaces them.
  REFRESH_TOKEN_EXPIRE_DAYS: int(30, 1, 365),
  ADMIN_API_KEY: optionalString,
  ADMIN_EMAIL: optionalString,
  ADMIN_PASSWORD: optionalString,
  TRUSTED_PROXY: bool,
  RATE_LIMIT_ANON_PER_MIN: int(60, 1),
  RATE_LIMIT_DEFAULT_PER_MIN: int(100, 1),
  RATE_LIMIT_PREMIUM_PER_MIN: int(1000, 1),
  RATE_LIMIT_ADMIN_PER_MIN: int(10000, 1),
  // Login/register: per client IP per minute, and per account (email/username) per 15 minutes.
  RATE_LIMIT_AUTH_PER_MIN: int(10, 1),
  RATE_LIMIT_AUTH_ACCOUNT_PER_15MIN: int(10, 1),

  // Email: kept in the outbox table for the operator unless SMTP_URL (smtp:// or smtps://) is set.
  SMTP_URL: optionalString.pipe(
    z.string().regex(/^smtps?:\/\/[^\s]+$/, "must be an smtp:// or smtps:// URL, e.g. smtps://user:pass@mail.example.com:465").optional(),
  ),
  MAIL_FROM: z.string().trim().min(3).default("Stock Hub <no-reply@stock-hub.local>"),

  // Push: webhooks, operator alerts, live streams.
  // Development and tests only: lets webhooks target http, loopback and private addresses.
  WEBHOOK_ALLOW_PRIVATE_TARGETS: bool,
  // Production too: the operator's own network targets webhooks may reach (hosts, host:port, CIDR ranges),
  // parsed and checked at start-up by src/server/webhooks/allowed-targets.ts.
  WEBHOOK_ALLOWED_TARGETS: optionalString,
  WEBHOOK_TIMEOUT_MS: int(10_000, 100, 60_000),
  ALERT_WEBHOOK_URL: optionalUrl,
  ALERT_SNS_TOPIC_ARN: optionalString,
  SNS_REGION: optionalString,
  // Tests point SNS at a local server speaking its Query API.
  SNS_ENDPOINT: optionalUrl,
  // Notification retention (the daily prune-notifications job): read entries older than this many days go, and
  // beyond a person's newest NOTIFICATION_KEEP_PER_USER the read or old ones; unread younger ones always stay.
  NOTIFICATION_RETENTION_DAYS: int(90, 1, 3650),
  NOTIFICATION_KEEP_PER_USER: int(500, 1, 100_000),
  SSE_MAX_CONNECTIONS_PER_USER: int(5, 1, 100),
  // Open streams this process holds for everyone together; one more is refused with 503 + Retry-After.
  SSE_MAX_CONNECTIONS: int(1000, 1, 100_000),
  SSE_HEARTBEAT_MS: int(15_000, 100, 120_000),
  // How often the quotes stream asks the (cached) market service for a newer quote.
  QUOTE_STREAM_POLL_MS: int(15_000, 100, 600_000),
});

/** Every setting's name, whether or not it is set (the parsed object leaves unset ones out). */
export const SETTING_NAMES = Object.keys(schema.shape) as (keyof z.infer<typeof schema>)[];

export type Env = Omit<z.infer<typeof schema>, "PROVIDER_ORDER"> & {
  PROVIDER_ORDER: string;
  /** Whether SEC EDGAR is used (SEC_EDGAR, or on by default outside tests). */
  secEdgar: boolean;
  secrets: { nextAuth: string; jwt: string };
};

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  const e = result.data;
  if (e.UPSTASH_REDIS_REST_URL && !e.UPSTASH_REDIS_REST_TOKEN) {
    throw new Error("Invalid environment configuration:\n  UPSTASH_REDIS_REST_TOKEN: required when UPSTASH_REDIS_REST_URL is set");
  }
  const isProd = e.NODE_ENV === "production";
  if (isProd && e.WEBHOOK_ALLOW_PRIVATE_TARGETS) {
    throw new Error("Invalid environment configuration:\n  WEBHOOK_ALLOW_PRIVATE_TARGETS: development and tests only; it must not be set in production");
  }
  const secret = (name: "NEXTAUTH_SECRET" | "JWT_SECRET") => {
    const v = e[name] ?? (name === "JWT_SECRET" ? e.NEXTAUTH_SECRET : undefined);
    if (v !== undefined) {
      if (isProd && (v === DEV_SECRET || v.length < 32)) {
        throw new Error(`Invalid environment configuration:\n  ${name}: must be a random string of at least 32 characters in production`);
      }
      return v;
    }
    if (!isProd) return DEV_SECRET;
    // Hosted production must configure its secret. The embedded shape (no DATABASE_URL)
    // generates a random one per installation and keeps it in the data folder.
    if (e.DATABASE_URL) {
      throw new Error(`Invalid environment configuration:\n  ${name}: must be set in production when DATABASE_URL is set`);
    }
    return embeddedSecret(e.DATA_DIR);
  };
  const keyless = e.NODE_ENV !== "test";
  return {
    ...e,
    PROVIDER_ORDER: e.PROVIDER_ORDER ?? (keyless ? "finnhub,polygon,alphavantage,yahoo,shipped" : "finnhub,polygon,alphavantage,shipped"),
    secEdgar: e.SEC_EDGAR ? e.SEC_EDGAR === "on" : keyless,
    secrets: { nextAuth: secret("NEXTAUTH_SECRET"), jwt: secret("JWT_SECRET") },
  };
}

function embeddedSecret(dataDir: string): string {
  const file = join(dataDir, "secret.key");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const value = randomBytes(48).toString("base64url");
  try {
    writeFileSync(file, value, { mode: 0o600, flag: "wx" });
    return value;
  } catch {
    // Another process created it first: use theirs.
    return readFileSync(file, "utf8").trim();
  }
}

let cached: Env | undefined;
/** The validated environment, parsed once on first use. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
// Tests change settings between cases: resetServicesForTests() drops the parsed copy.
onServicesReset(() => {
  cached = undefined;
});
