// Forgotten password: without a token, ask for a link; with the token from the emailed link, choose a new password.
import type { Metadata } from "next";
import { ResetConfirmForm, ResetRequestForm } from "@/components/account/reset-password-forms";

export const metadata: Metadata = { title: "Reset password" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const token = (await searchParams).token;
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">{typeof token === "string" ? "Choose a new password" : "Reset your password"}</h1>
      {typeof token === "string" ? <ResetConfirmForm token={token} /> : <ResetRequestForm />}
    </div>
  );
}
