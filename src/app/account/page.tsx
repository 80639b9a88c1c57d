// Account page: who you are and your API keys. src/proxy.ts already sends anonymous visitors to /login;
// the check here covers a session whose user no longer exists.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { signInPath } from "@/components/auth/sign-in-reason";
import { ChangeEmailForm } from "@/components/account/change-email-form";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { DeleteAccountForm } from "@/components/account/delete-account-form";
import { ApiKeyManager } from "@/components/auth/api-key-manager";
import { KeyTierAdmin } from "@/components/auth/key-tier-admin";
import { cardClass } from "@/components/auth/styles";
import { WebhookManager } from "@/components/push/webhook-manager";
import { getUserById, listApiKeys, sessionUser, tierLimit } from "@/server/auth";
import { listWebhooks, WEBHOOK_EVENT_TYPES } from "@/server/webhooks";

export const metadata: Metadata = { title: "Account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const signedIn = await sessionUser();
  const user = signedIn ? await getUserById({ id: signedIn.id }) : null;
  if (!user) redirect(signInPath("/account"));
  const keys = await listApiKeys({ userId: user.id });
  const { webhooks } = await listWebhooks({ principal: { userId: user.id, role: user.role, via: "session" } });
  // Users create default-tier keys; an admin grants higher tiers (below, and PATCH /api/admin/keys/{id}).
  const tiers = user.role === "admin" ? (["default", "premium", "admin"] as const) : (["default"] as const);
  const limits = Object.fromEntries(tiers.map((t) => [t, tierLimit({ tier: t })]));
  return (
    <div className="flex flex-col gap-8">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Account</h1>
        <div className={`${cardClass} mt-4 grid gap-2 text-sm sm:grid-cols-3`} data-testid="account-details">
          <div>
            <div className="text-zinc-500 dark:text-zinc-400">Username</div>
            <div className="font-medium" data-testid="account-username">{user.username}</div>
          </div>
          <div>
            <div className="text-zinc-500 dark:text-zinc-400">Email</div>
            <div className="font-medium">{user.email}</div>
          </div>
          <div>
            <div className="text-zinc-500 dark:text-zinc-400">Role</div>
            <div className="font-medium">{user.role}</div>
          </div>
        </div>
      </section>
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">Password</h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Changing it signs out every other browser and sign-in token; this browser stays signed in. API keys keep working.
        </p>
        <ChangePasswordForm username={user.username} />
      </section>
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">Email address</h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Password reset links go to this address. A new address takes effect when it confirms the link we send it.
        </p>
        <ChangeEmailForm current={user.email} />
      </section>
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">API keys</h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Keys authenticate scripts and other clients. Each key has its own per-minute budget by tier. A key is shown
          once when it is created; only its hash is stored.
        </p>
        <ApiKeyManager
          keys={keys.map((k) => ({
            ...k,
            createdAt: k.createdAt.toISOString(),
            lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
            revokedAt: k.revokedAt?.toISOString() ?? null,
          }))}
          tiers={[...tiers]}
          limits={limits}
        />
      </section>
      {user.role === "admin" && (
        <section className="flex flex-col gap-3">
          <h2 className="text-lg font-semibold">Key tiers</h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Grant an account&apos;s key a higher tier, or take it back to default. The change applies from the key&apos;s next request.
          </p>
          <KeyTierAdmin tiers={[...tiers]} limits={limits} />
          <p className="text-sm">
            Emails the site sent or holds: <a className="underline" href="/admin/mail">mail outbox</a>.
          </p>
        </section>
      )}
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">Webhooks</h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Stock Hub can send events to your own server. Each request is signed (Standard Webhooks), so you can check it
          came from here; failed deliveries are retried for about a day. Your alerts are on the <a className="underline" href="/alerts">alerts page</a>.
        </p>
        <WebhookManager webhooks={webhooks} events={WEBHOOK_EVENT_TYPES.filter((e) => e !== "job.failed" || user.role === "admin")} />
      </section>
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">Your data and deleting the account</h2>
        <DeleteAccountForm />
      </section>
    </div>
  );
}
