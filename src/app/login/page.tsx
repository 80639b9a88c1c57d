// Sign-in page; an already signed-in visitor goes straight on to where they were headed.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ReasonNote } from "@/components/auth/reason-note";
import { LoginForm } from "@/components/auth/login-form";
import { safeCallbackUrl } from "@/components/auth/safe-callback-url";
import { signInReasonText } from "@/components/auth/sign-in-reason";
import { sessionUser } from "@/server/auth";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const callbackUrl = safeCallbackUrl(sp.callbackUrl);
  if (await sessionUser()) redirect(callbackUrl);
  const error = typeof sp.error === "string" ? sp.error : undefined;
  // A page that needs an account sent the visitor here: say why, in one of the fixed sentences (never query text).
  const reason = signInReasonText(sp.reason);
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
      {reason && <ReasonNote text={reason} />}
      <LoginForm callbackUrl={callbackUrl} initialError={error} />
    </div>
  );
}
