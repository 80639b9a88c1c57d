// Sign-in page; an already signed-in visitor goes straight on to where they were headed.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { safeCallbackUrl } from "@/components/auth/safe-callback-url";
import { sessionUser } from "@/server/auth";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const callbackUrl = safeCallbackUrl(sp.callbackUrl);
  if (await sessionUser()) redirect(callbackUrl);
  const error = typeof sp.error === "string" ? sp.error : undefined;
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
      <LoginForm callbackUrl={callbackUrl} initialError={error} />
    </div>
  );
}
