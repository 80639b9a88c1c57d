"use client";
// The new address confirms with a click, not by merely opening the link: mail scanners open links too.
import Link from "next/link";
import { useState } from "react";
import { buttonClass, cardClass } from "@/components/auth/styles";
import { callApi } from "./call-api";
import { Notice } from "./notice";

export function ConfirmEmailButton({ token }: { token: string }) {
  const [error, setError] = useState<string | null>(null);
  const [email, setEmail] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function confirm() {
    setPending(true);
    const r = await callApi<{ email: string }>("/api/auth/email/confirm", { body: { token } });
    setPending(false);
    setError(r.error);
    setEmail(r.data?.email ?? null);
  }

  return (
    <div className={`${cardClass} flex flex-col gap-3`} data-testid="confirm-email">
      {email ? (
        <>
          <Notice error={null} done={`Your account's email address is now ${email}.`} testId="confirm-email" />
          <Link href="/account" className="text-sm underline underline-offset-4">
            Go to your account
          </Link>
        </>
      ) : (
        <>
          <p className="text-sm">Confirm that this address should be your Stock Hub account&apos;s email from now on.</p>
          <Notice error={error} done={null} testId="confirm-email" />
          <button type="button" onClick={confirm} disabled={pending} className={`${buttonClass} self-start`}>
            {pending ? "Confirming…" : "Confirm new email"}
          </button>
        </>
      )}
    </div>
  );
}
