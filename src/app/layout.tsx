import type { Metadata, Viewport } from "next";
import { GeistSans } from "geist/font/sans";
import { GeistMono } from "geist/font/mono";
import { SiteHeader } from "@/components/layout/site-header";
import { SiteFooter } from "@/components/layout/site-footer";
import { UserBell, UserMenu } from "@/components/auth/user-menu";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Stock Hub", template: "%s · Stock Hub" },
  description: "Quotes, charts, news and honest multi-model price forecasts",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    // The theme toggle adds a `light`/`dark` class after hydration, so the attribute legitimately differs.
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`} suppressHydrationWarning>
      <body className="flex min-h-screen flex-col bg-zinc-50 font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        {/* The first Tab stop: past the header's search and navigation straight to the page. */}
        <a
          href="#main"
          className="sr-only rounded-md bg-zinc-900 px-3 py-2 text-sm font-medium text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 dark:bg-zinc-100 dark:text-zinc-900"
        >
          Skip to content
        </a>
        <SiteHeader userMenu={<UserMenu />} bell={<UserBell />} />
        <main id="main" tabIndex={-1} className="mx-auto outline-none w-full max-w-6xl flex-1 px-4 py-6 sm:px-6">{children}</main>
        <SiteFooter />
      </body>
    </html>
  );
}
