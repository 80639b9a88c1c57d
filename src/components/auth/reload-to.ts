// After the session changes (sign-in, registration, sign-out) the whole page is loaded again, not just
// the page segment: the header in the root layout shows who is signed in, and a client-side
// replace + refresh can leave it rendered for the old session when the two race.
export function reloadTo(url: string): void {
  window.location.replace(url);
}
