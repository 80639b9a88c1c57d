import "server-only";
// Email over SMTP through nodemailer. The only file that imports nodemailer. One pooled transport per
// SMTP_URL (reused across messages; closed with the other process state).
import nodemailer, { type Transporter } from "nodemailer";
import { onServicesReset } from "@/lib/services";

const transports = new Map<string, Transporter>();
onServicesReset(() => {
  for (const t of transports.values()) t.close();
  transports.clear();
});

function transportFor(url: string): Transporter {
  let t = transports.get(url);
  if (!t) {
    // Short timeouts: a mail server that does not answer leaves the message queued for the next retry
    // rather than holding a job for nodemailer's default two minutes.
    t = nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    transports.set(url, t);
  }
  return t;
}

export interface SmtpMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** Stable per outbox row, so a message sent twice after an unclear failure is one message to the receiver. */
  messageId: string;
}

/** Sends one message; resolves with the server's answer, rejects on any refusal or network failure. */
export async function sendSmtp({ url, message }: { url: string; message: SmtpMessage }): Promise<string> {
  const info = await transportFor(url).sendMail({ ...message, messageId: message.messageId });
  return info.response;
}
