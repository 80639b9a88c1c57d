// The link a new email address receives: one click confirms it (it works signed in or not).
import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmEmailButton } from "@/components/account/confirm-email-button";

export const metadata: Metadata = { title: "Confirm email" };

export default async function ConfirmEmailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const token = (await searchParams).token;
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Confirm your new email</h1>
      {typeof token === "string" ? (
        <ConfirmEmailButton token={token} />
      ) : (
        <p className="text-sm">
          This address is missing its link. Open the link from the email again, or change the address on your{" "}
          <Link href="/account" className="underline underline-offset-4">account page</Link>.
        </p>
      )}
    </div>
  );
}
