// Registration page.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ReasonNote } from "@/components/auth/reason-note";
import { RegisterForm } from "@/components/auth/register-form";
import { safeCallbackUrl } from "@/components/auth/safe-callback-url";
import { registerReasonText } from "@/components/auth/sign-in-reason";
import { sessionUser } from "@/server/auth";

export const metadata: Metadata = { title: "Register" };

export default async function RegisterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).callbackUrl;
  const callbackUrl = safeCallbackUrl(raw);
  if (await sessionUser()) redirect(callbackUrl);
  // Sent on from a page that needs an account: say what it needs (a fixed sentence by page, never query text).
  // Only for a page named in the address: without one the form goes on to /account, which needs no sentence.
  const reason = registerReasonText(safeCallbackUrl(raw, ""));
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Create an account</h1>
      {reason && <ReasonNote text={reason} />}
      <RegisterForm callbackUrl={callbackUrl} />
    </div>
  );
}
