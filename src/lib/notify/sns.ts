import "server-only";
// AWS SNS (operator alerts to ALERT_SNS_TOPIC_ARN). The only file that imports @aws-sdk/client-sns.
// SNS_ENDPOINT points it at any server speaking SNS's Query API (the tests run one locally).
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";

export interface SnsTarget {
  topicArn: string;
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

const clients = new Map<string, SNSClient>();

/** Publishes one message; resolves with SNS's MessageId. */
export async function publishToSns({ target, subject, message }: { target: SnsTarget; subject: string; message: string }): Promise<string | undefined> {
  const key = `${target.region}|${target.endpoint ?? ""}|${target.credentials?.accessKeyId ?? ""}`;
  let client = clients.get(key);
  if (!client) {
    client = new SNSClient({ region: target.region, endpoint: target.endpoint, credentials: target.credentials, maxAttempts: 3 });
    clients.set(key, client);
  }
  // SNS caps subjects at 100 printable ASCII characters.
  const safeSubject = subject.replace(/[^\x20-\x7e]/g, "?").slice(0, 100);
  const out = await client.send(new PublishCommand({ TopicArn: target.topicArn, Subject: safeSubject, Message: message }));
  return out.MessageId;
}
