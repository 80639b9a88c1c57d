// The views every page is checked in: the desktop and phone sizes of issue 18's walk, light and dark.
import type { Browser, Page } from "@playwright/test";

export const VIEWPORTS = [
  { name: "desktop", width: 1366, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;
export const SCHEMES = ["light", "dark"] as const;

export type Viewport = (typeof VIEWPORTS)[number];
export type Scheme = (typeof SCHEMES)[number];

/** A page in a fresh context (own cookies) with the viewport and the system colour scheme. */
export async function pageIn(browser: Browser, vp: Viewport, scheme: Scheme): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: vp.width, height: vp.height }, colorScheme: scheme });
  return ctx.newPage();
}
