// Site header: brand, ticker search, navigation, theme, the notification bell and the signed-in user's links.
// Phones and tablets: one row of brand and buttons (the navigation behind Menu), the search under it.
import Link from "next/link";
import { HeaderSearch } from "@/components/search/header-search";
import { HeaderNav } from "./header-nav";
import { ThemeToggle } from "./theme-toggle";

const NAV = [
  { href: "/", label: "Markets" },
  { href: "/predict", label: "Predict" },
  { href: "/news", label: "News" },
  { href: "/alerts", label: "Alerts" },
] as const;
const linkClass = "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100";

export function SiteHeader({ userMenu, bell }: { userMenu?: React.ReactNode; bell?: React.ReactNode }) {
  return (
    <header className="sticky top-0 z-20 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-2 gap-y-2 px-4 py-2 sm:px-6 lg:flex-nowrap lg:gap-x-4 lg:py-2.5">
        <Link href="/" className="flex shrink-0 items-center gap-2 font-semibold tracking-tight">
          <svg aria-hidden width="22" height="22" viewBox="0 0 24 24" className="text-emerald-600 dark:text-emerald-400">
            <rect x="1" y="1" width="22" height="22" rx="6" className="fill-zinc-900 dark:fill-zinc-100" />
            <path d="M5 16l4-4 3 3 6-7" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          Stock Hub
        </Link>
        {/* Last on a phone (its own row), beside the brand from a laptop up. */}
        <HeaderSearch className="order-last w-full lg:order-none lg:ml-auto lg:max-w-xs" />
        <HeaderNav>
          {NAV.map((n) => (
            <Link key={n.href} href={n.href} className={linkClass}>
              {n.label}
            </Link>
          ))}
          <a href="/docs" className={linkClass}>
            API
          </a>
          <div aria-hidden className="col-span-2 my-1 border-t border-zinc-200 lg:hidden dark:border-zinc-800" />
          {userMenu}
        </HeaderNav>
        <ThemeToggle />
        {bell}
      </div>
    </header>
  );
}
