// A local server speaking the part of Amazon SNS's Query API the app uses (Action=Publish), so the real
// @aws-sdk/client-sns runs unmodified against it: form-encoded POST in, XML PublishResponse out.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface SnsPublish {
  topicArn: string;
  subject: string | null;
  message: string;
  messageId: string;
  /** The SigV4 Authorization header the SDK sent. */
  authorization: string | null;
}

export async function startSnsServer(): Promise<{ endpoint: string; published: SnsPublish[]; close(): Promise<void> }> {
  const published: SnsPublish[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      const requestId = randomUUID();
      if (form.get("Action") !== "Publish" || !form.get("TopicArn") || !form.get("Message")) {
        res.writeHead(400, { "content-type": "text/xml" });
        return res.end(
          `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>InvalidParameter</Code><Message>Unsupported request</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
        );
      }
      const messageId = randomUUID();
      published.push({ topicArn: form.get("TopicArn")!, subject: form.get("Subject"), message: form.get("Message")!, messageId, authorization: req.headers.authorization ?? null });
      res.writeHead(200, { "content-type": "text/xml" });
      res.end(
        `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${messageId}</MessageId></PublishResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></PublishResponse>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    published,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
