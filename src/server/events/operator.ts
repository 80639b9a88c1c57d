import "server-only";
// Operator alerts for failed jobs: a JSON POST to ALERT_WEBHOOK_URL and/or a message to the SNS topic
// ALERT_SNS_TOPIC_ARN. Operators configure these targets themselves, so they are not SSRF-restricted.
import { getEnv } from "@/env";
import { logger } from "@/lib/logger";
import type { EventEnvelope } from "@/server/webhooks";

export interface OperatorOutcome {
  webhook?: { ok: boolean; status?: number; error?: string };
  sns?: { ok: boolean; messageId?: string; error?: string };
}

const regionOfArn = (arn: string): string | undefined => arn.split(":")[3] || undefined;

export async function notifyOperators({ event }: { event: EventEnvelope }): Promise<OperatorOutcome> {
  const env = getEnv();
  const out: OperatorOutcome = {};
  const data = event.data as { name?: string; error?: string };
  const subject = `Stock Hub: job ${data.name ?? "?"} failed`;
  const body = JSON.stringify({ source: "stock-hub", ...event });
  const tasks: Promise<void>[] = [];
  if (env.ALERT_WEBHOOK_URL) {
    const url = env.ALERT_WEBHOOK_URL;
    tasks.push(
      fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body, redirect: "manual", signal: AbortSignal.timeout(10_000) })
        .then(async (res) => {
          await res.arrayBuffer().catch(() => undefined);
          out.webhook = { ok: res.ok, status: res.status };
        })
        .catch((err: unknown) => {
          out.webhook = { ok: false, error: err instanceof Error ? err.message : String(err) };
        }),
    );
  }
  if (env.ALERT_SNS_TOPIC_ARN) {
    const topicArn = env.ALERT_SNS_TOPIC_ARN;
    const region = env.SNS_REGION ?? regionOfArn(topicArn) ?? env.S3_REGION;
    // Loaded only when configured: the SDK is large and most installations never page through SNS.
    tasks.push(
      import("@/lib/notify/sns")
        .then(({ publishToSns }) => publishToSns({ target: { topicArn, region, endpoint: env.SNS_ENDPOINT }, subject, message: body }))
        .then((messageId) => {
          out.sns = { ok: true, messageId };
        })
        .catch((err: unknown) => {
          out.sns = { ok: false, error: err instanceof Error ? err.message : String(err) };
        }),
    );
  }
  await Promise.all(tasks);
  if (out.webhook && !out.webhook.ok) logger.warn("operator alert webhook failed", { ...out.webhook });
  if (out.sns && !out.sns.ok) logger.warn("operator alert to SNS failed", { ...out.sns });
  return out;
}
