// job.failed: a job that fails in the in-process runner is announced once, to the bus, to admins'
// webhooks, and to the operators through ALERT_WEBHOOK_URL (JSON POST) and SNS (a local server speaking
// SNS's Query API, called by the real @aws-sdk/client-sns).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import * as hooksRoutes from "@/app/api/webhooks/route";
import { getDb } from "@/lib/db";
import { bus, type BusEvent } from "@/lib/events";
import { createInProcessQueue } from "@/lib/queue/create";
import { announceJobFailure } from "@/server/events/job-failed";
import { loadDocument, webhookBodySchema } from "../../support/openapi-doc";
import { topics } from "@/server/events/publish";
import { call, setUpAuthTestEnv, type AuthTestEnv } from "../auth/auth-test-env";
import { startSnsServer } from "../../support/sns-server";
import { startWebhookReceiver, type WebhookReceiver } from "../../support/webhook-receiver";
import { registerUser, waitFor } from "../support/push-test-env";

let env: AuthTestEnv;
let ops: WebhookReceiver;
let sns: Awaited<ReturnType<typeof startSnsServer>>;
const TOPIC = "arn:aws:sns:eu-west-1:000000000000:stock-hub-ops";
beforeAll(async () => {
  ops = await startWebhookReceiver();
  sns = await startSnsServer();
  env = await setUpAuthTestEnv({
    env: {
      TRUSTED_PROXY: "1",
      WEBHOOK_ALLOW_PRIVATE_TARGETS: "1",
      ALERT_WEBHOOK_URL: ops.url,
      ALERT_SNS_TOPIC_ARN: TOPIC,
      SNS_ENDPOINT: sns.endpoint,
      // Read by the AWS SDK's own credential chain.
      AWS_ACCESS_KEY_ID: "AKIDTESTTESTTEST",
      AWS_SECRET_ACCESS_KEY: "test-secret",
    },
  });
});
afterAll(async () => {
  await env?.teardown();
  await ops?.close();
  await sns?.close();
});

describe("job.failed", () => {
  it("a failed run pages the operators (webhook + SNS), reaches the jobs topic and admins' webhooks, once", async () => {
    const admin = await registerUser("jf_admin", { admin: true });
    const hook = await call(hooksRoutes.POST, { method: "POST", body: { url: ops.url.replace("/hook", "/admin"), events: ["job.failed"] }, headers: admin.auth });
    expect(hook.status).toBe(201);
    const streamed: BusEvent[] = [];
    const off = await bus.subscribe({ topic: topics.jobs, onEvent: (e) => streamed.push(e) });
    const q = createInProcessQueue({
      db: getDb,
      concurrency: 1,
      timeoutMs: 10_000,
      retryDelayMs: () => 10,
      // What src/server/jobs wires into the app's queue.
      onFailed: announceJobFailure,
      definitions: [
        { id: "always-fails", event: "market/cache.warm", schema: z.object({ reason: z.string() }), retries: 1, load: async () => async () => Promise.reject(new Error("provider exploded")) },
      ],
    });
    const { jobId } = await q.enqueue({ event: "market/cache.warm", data: { reason: "manual" } });
    await q.runner.idle();
    expect((await q.getJob(jobId))?.status).toBe("failed");

    await waitFor(() => ops.received.some((r) => r.headers["webhook-id"] === undefined) && sns.published.length > 0 && streamed.length > 0, { what: "operator alerts" });
    const opsPost = ops.received.find((r) => r.headers["webhook-id"] === undefined)!;
    expect(opsPost.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(opsPost.body)).toMatchObject({ source: "stock-hub", type: "job.failed", id: `evt_job_${jobId}`, data: { jobId, name: "market/cache.warm", status: "failed", error: "provider exploded", attempts: 2 } });

    expect(sns.published).toHaveLength(1);
    expect(sns.published[0]).toMatchObject({ topicArn: TOPIC, subject: "Stock Hub: job market/cache.warm failed" });
    expect(JSON.parse(sns.published[0].message)).toMatchObject({ type: "job.failed", data: { jobId } });
    expect(sns.published[0].authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDTESTTESTTEST\/\d{8}\/eu-west-1\/sns\/aws4_request/);

    expect(streamed.map((e) => (e.data as { id: string }).id)).toEqual([`evt_job_${jobId}`]);
    expect(webhookBodySchema(await loadDocument(), "job.failed").safeParse(streamed[0].data).success).toBe(true);
    const deliveries = await (await getDb()).webhookDelivery.findMany({ where: { webhookId: hook.json.id } });
    expect(deliveries.map((d) => d.eventId)).toEqual([`evt_job_${jobId}`]);
    await off();
  });
});
