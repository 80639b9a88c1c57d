// The signed-in person as a page sees them: next-auth's session cookie (whose jwt callback refuses a cookie
// from before the account's sessions were revoked, session-epochs.ts) of an account that still exists, so a
// deleted account's session is signed out on pages as it is on the API. Asked once per page render (the
// header's search and user menu both ask).
import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { accountState } from "./account-state";
import { getAuthOptions } from "./next-auth-options";

export interface SessionUser {
  id: string;
  role: "user" | "admin";
  name: string | null;
  email: string | null;
}

export const sessionUser = cache(async function sessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(getAuthOptions()).catch(() => null);
  const id = session?.user?.id;
  if (!id) return null;
  const state = await accountState({ userId: id }).catch(() => null);
  if (!state) return null;
  return { id, role: state.role, name: session.user.name, email: session.user.email };
});
