"use client";
// Ends the next-auth session and returns to the home page. No next-auth redirect: it would follow
// NEXTAUTH_URL, which is not set in the embedded shape, so the router navigates instead.
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";

export function SignOutButton() {
  const router = useRouter();
  return (
    <button
      type="button"
      data-testid="sign-out"
      onClick={async () => {
        await signOut({ redirect: false });
        router.replace("/");
        router.refresh();
      }}
      className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
    >
      Sign out
    </button>
  );
}
