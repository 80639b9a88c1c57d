"use client";
// Ends the next-auth session and returns to the home page. No next-auth redirect: it would follow
// NEXTAUTH_URL, which is not set in the embedded shape, so the page reloads the home page instead.
import { signOut } from "next-auth/react";
import { reloadTo } from "./reload-to";

export function SignOutButton() {
  return (
    <button
      type="button"
      data-testid="sign-out"
      onClick={async () => {
        await signOut({ redirect: false });
        reloadTo("/");
      }}
      className="whitespace-nowrap text-left text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
    >
      Sign out
    </button>
  );
}
