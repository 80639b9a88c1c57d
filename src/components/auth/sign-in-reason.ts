// Why the sign-in page is showing: a page that needs an account sends anonymous visitors to
// /login?callbackUrl=<where they were going>&reason=<key>, and the sign-in page shows the key's fixed sentence.
// Only keys of this table reach the page; any other `reason` shows nothing (query text is never echoed).
const REASONS = {
  account: "Your account settings need you signed in. Sign in to see and change them.",
  alerts: "Alerts need an account. Sign in to see and manage your alerts.",
  notifications: "Notifications belong to an account. Sign in to see yours.",
  portfolios: "Portfolios need an account. Sign in to see and manage your portfolios.",
  watchlists: "Watchlists of your own need an account. Sign in to see and edit them.",
  // Non-admins get a 404 there, so the sentence does not say what the page is.
  admin: "That page needs an account. Sign in to continue.",
} as const;

export type SignInReason = keyof typeof REASONS;

// The same reasons on the register page (reached from the sign-in page's "Register" link, which carries the
// callbackUrl): what the page needs, and that the new account goes straight on there. Admin pages say nothing.
const REGISTER_REASONS: Record<SignInReason, string | null> = {
  account: "Account settings belong to an account. Create one and you go straight on to them.",
  alerts: "Alerts need an account. Create one and you go straight back to your alerts.",
  notifications: "Notifications belong to an account. Create one and you go straight back to them.",
  portfolios: "Portfolios need an account. Create one and you go straight back to your portfolios.",
  watchlists: "Watchlists of your own need an account. Create one and you go straight back to them.",
  admin: null,
};

const isReason = (v: unknown): v is SignInReason => typeof v === "string" && Object.hasOwn(REASONS, v);

/** The reason for a page that needs an account, from its first path segment (/alerts/x -> "alerts"). */
export function signInReasonFor(path: string): SignInReason | null {
  const first = path.split(/[?#]/)[0].split("/")[1] ?? "";
  return isReason(first) ? first : null;
}

/** Where a page that needs an account sends an anonymous visitor: the sign-in page, told why and where to go back. */
export function signInPath(callbackUrl: string): string {
  const params = new URLSearchParams({ callbackUrl });
  const reason = signInReasonFor(callbackUrl);
  if (reason) params.set("reason", reason);
  return `/login?${params.toString()}`;
}

/** The sentence for a `reason` query value; null for anything that is not one of the keys above. */
export function signInReasonText(raw: string | string[] | undefined | null): string | null {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return isReason(value) ? REASONS[value] : null;
}

/** The register page's sentence for where the visitor is headed (its callbackUrl); null for any other page. */
export function registerReasonText(callbackUrl: string): string | null {
  const reason = signInReasonFor(callbackUrl);
  return reason ? REGISTER_REASONS[reason] : null;
}
