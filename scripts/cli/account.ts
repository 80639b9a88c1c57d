// The operator's account and mail commands: read the mail outbox (the embedded shape has no mail server, so a
// reset link waits there), and issue a password reset link for an account that is locked out.
//   npm run cli -- mail [--status outbox|pending|sent|failed] [--limit 20] [--json]
//   npm run cli -- reset-password <email> [--sign-out] [--json]
import { assertEmbeddedDatabaseFree, CliError } from "./product";

export const ACCOUNT_COMMANDS = ["mail", "reset-password"] as const;
export type AccountCommand = (typeof ACCOUNT_COMMANDS)[number];

export async function runAccountCommand({
  command,
  positional,
  flags,
  out,
}: {
  command: AccountCommand;
  positional: string[];
  flags: Record<string, string | true>;
  out: (line: string) => void;
}): Promise<void> {
  const json = flags.json === true;
  await assertEmbeddedDatabaseFree();

  if (command === "mail") {
    const { listMail, MAIL_STATUSES } = await import("../../src/server/mail");
    const status = flags.status;
    if (status !== undefined && !(MAIL_STATUSES as readonly unknown[]).includes(status)) throw new CliError(`--status must be one of ${MAIL_STATUSES.join(", ")}`);
    const limit = flags.limit === undefined ? 20 : Number(flags.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new CliError("--limit must be a whole number from 1 to 500");
    const messages = await listMail({ status: status as (typeof MAIL_STATUSES)[number] | undefined, limit });
    if (json) return out(JSON.stringify({ messages }, null, 2));
    if (messages.length === 0) return out(status ? `No ${status} messages.` : "No messages yet.");
    for (const m of messages) {
      out(`--- ${m.createdAt.toISOString()}  ${m.status}${m.attempts ? ` (${m.attempts} attempts)` : ""}  to ${m.to}`);
      out(`Subject: ${m.subject}`);
      if (m.lastError) out(`Last error: ${m.lastError}`);
      out("");
      out(m.text);
      out("");
    }
    return;
  }

  const email = positional[0]?.trim().toLowerCase();
  if (!email || !email.includes("@")) throw new CliError("reset-password needs the account's email address");
  const { issueOperatorReset } = await import("../../src/server/auth");
  const issued = await issueOperatorReset({ email });
  if (!issued) throw new CliError(`No account uses ${email}`);
  let signedOut = false;
  if (flags["sign-out"] === true) {
    const { getDb } = await import("../../src/lib/db");
    const { revokeAllSessions } = await import("../../src/server/auth");
    const user = await (await getDb()).user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    await revokeAllSessions({ userId: user.id });
    signedOut = true;
  }
  if (json) return out(JSON.stringify({ email, link: issued.link, expires_at: issued.expiresAt.toISOString(), mail_id: issued.mailId, signed_out: signedOut }, null, 2));
  out(`Reset link for ${email} (works once, until ${issued.expiresAt.toISOString()}):`);
  out(issued.link);
  out(`The same link was queued as an email (npm run cli -- mail shows it).${signedOut ? " Every session and token of the account was signed out." : ""}`);
}
