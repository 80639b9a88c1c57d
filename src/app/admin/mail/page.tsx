// The mail outbox for admins: what the app sent or holds (without SMTP_URL, nothing leaves, and a person's
// reset link is here for the operator to pass on). The same list as `npm run cli -- mail`.
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { signInPath } from "@/components/auth/sign-in-reason";
import { cardClass } from "@/components/auth/styles";
import { getEnv } from "@/env";
import { sessionUser } from "@/server/auth";
import { listMail } from "@/server/mail";

export const metadata: Metadata = { title: "Mail outbox" };
export const dynamic = "force-dynamic";

const STATUS_WORDS: Record<string, string> = { outbox: "held (no mail server)", pending: "waiting to send", sent: "sent", failed: "gave up" };

export default async function MailOutboxPage() {
  const user = await sessionUser();
  if (!user) redirect(signInPath("/admin/mail"));
  if (user.role !== "admin") notFound();
  const messages = await listMail({ limit: 50 });
  const smtp = Boolean(getEnv().SMTP_URL);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Mail outbox</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {smtp
          ? "A mail server is configured: messages are sent, and retried for about 13 hours while it does not answer."
          : "No mail server is configured, so messages are kept here. Pass a reset link on to its owner yourself, or connect a mail server (see the operations guide)."}{" "}
        The newest 50 messages.
      </p>
      {messages.length === 0 && <p className="text-sm">No messages yet.</p>}
      <ul className="flex flex-col gap-3" data-testid="mail-outbox">
        {messages.map((m) => (
          <li key={m.id} className={`${cardClass} flex flex-col gap-1 text-sm`}>
            <div className="flex flex-wrap justify-between gap-2 text-zinc-500 dark:text-zinc-400">
              <span>To {m.to}</span>
              <span>
                {STATUS_WORDS[m.status] ?? m.status}
                {m.attempts > 0 ? `, ${m.attempts} attempt${m.attempts === 1 ? "" : "s"}` : ""} · {m.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
              </span>
            </div>
            <div className="font-medium">{m.subject}</div>
            {m.lastError && <div className="text-red-700 dark:text-red-300">Last error: {m.lastError}</div>}
            <pre className="whitespace-pre-wrap break-all font-sans text-zinc-700 dark:text-zinc-300">{m.text}</pre>
          </li>
        ))}
      </ul>
    </div>
  );
}
