import "server-only";
// One HTTP POST to a webhook target: SSRF-checked before and at connect time, no redirects followed,
// a hard timeout, and the outcome measured for the delivery log. Never throws.
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { getEnv } from "@/env";
import { AppError } from "@/lib/errors";
import { assertSafeTarget, guardedLookup, targetPolicy } from "./url-guard";

export interface SendOutcome {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

export async function postJson({ url, body, headers }: { url: string; body: string; headers: Record<string, string> }): Promise<SendOutcome> {
  const env = getEnv();
  const policy = targetPolicy();
  const started = performance.now();
  const done = (statusCode: number | null, error: string | null): SendOutcome => ({
    ok: statusCode !== null && statusCode >= 200 && statusCode < 300,
    statusCode,
    latencyMs: Math.round(performance.now() - started),
    error,
  });
  let target: URL;
  try {
    target = await assertSafeTarget(url, policy);
  } catch (err) {
    return done(null, err instanceof AppError ? err.message : "invalid target");
  }
  const request = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<SendOutcome>((resolve) => {
    const req = request(
      target,
      {
        method: "POST",
        lookup: guardedLookup(target, policy),
        timeout: env.WEBHOOK_TIMEOUT_MS,
        headers: { "content-type": "application/json", "user-agent": "StockHub-Webhooks/1", "content-length": Buffer.byteLength(body), ...headers },
      },
      (res) => {
        const code = res.statusCode ?? 0;
        // The body is not needed; drain it so the socket is released.
        res.resume();
        res.on("end", () => {
          if (code >= 300 && code < 400) resolve(done(code, `redirect to ${res.headers.location ?? "?"} not followed`));
          else resolve(done(code, code >= 200 && code < 300 ? null : `HTTP ${code}`));
        });
        res.on("error", (err) => resolve(done(code, err.message)));
      },
    );
    // `timeout` only covers socket idleness; this bounds the whole exchange.
    const timer = setTimeout(() => req.destroy(new Error(`timed out after ${env.WEBHOOK_TIMEOUT_MS} ms`)), env.WEBHOOK_TIMEOUT_MS);
    req.on("timeout", () => req.destroy(new Error(`timed out after ${env.WEBHOOK_TIMEOUT_MS} ms`)));
    req.on("error", (err) => resolve(done(null, err.message)));
    req.on("close", () => clearTimeout(timer));
    req.end(body);
  });
}
