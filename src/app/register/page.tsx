// Registration page.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { RegisterForm } from "@/components/auth/register-form";
import { safeCallbackUrl } from "@/components/auth/safe-callback-url";
import { sessionUser } from "@/server/auth";

export const metadata: Metadata = { title: "Register" };

export default async function RegisterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  if (await sessionUser()) redirect(callbackUrl);
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Create an account</h1>
      <RegisterForm callbackUrl={callbackUrl} />
    </div>
  );
}
