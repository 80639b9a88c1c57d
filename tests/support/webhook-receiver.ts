// A local HTTP server standing in for a customer's webhook endpoint: records every request and verifies
// Standard Webhooks signatures with the standardwebhooks package's own verifier.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface Received {
  headers: IncomingMessage["headers"];
  body: string;
  /** Whether the package's verifier accepted the request with `secret` (when one was set). */
  verified: boolean | null;
  verifyError: string | null;
}

export interface WebhookReceiver {
  url: string;
  received: Received[];
  /** The status to answer with (200 by default); change it to simulate an outage. */
  status: number;
  secret: string | null;
  /** Answers with a redirect to `redirectTo` when set. */
  redirectTo: string | null;
  /** While set, each request is recorded at once and answered only when this settles (a slow receiver). */
  hold: Promise<unknown> | null;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const state: WebhookReceiver = { url: "", received: [], status: 200, secret: null, redirectTo: null, hold: null, close: async () => undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let verified: boolean | null = null;
      let verifyError: string | null = null;
      if (state.secret) {
        try {
          new Webhook(state.secret).verify(body, req.headers as Record<string, string>);
          verified = true;
        } catch (err) {
          verified = false;
          verifyError = err instanceof Error ? err.message : String(err);
        }
      }
      state.received.push({ headers: req.headers, body, verified, verifyError });
      if (state.hold) await state.hold;
      if (state.redirectTo) {
        res.writeHead(307, { location: state.redirectTo });
        return res.end();
      }
      res.writeHead(state.status, { "content-type": "text/plain" });
      res.end(state.status < 300 ? "ok" : "nope");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  state.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return state;
}
