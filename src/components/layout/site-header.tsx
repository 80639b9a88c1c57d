// Site header: brand, ticker search, navigation and the signed-in user's menu.
import Link from "next/link";
import { HeaderSearch } from "@/components/search/header-search";
import { ThemeToggle } from "./theme-toggle";

export function SiteHeader({ userMenu }: { userMenu?: React.ReactNode }) {
  return (
    <header className="sticky top-0 z-20 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2.5 sm:flex-nowrap sm:px-6">
        <Link href="/" className="flex shrink-0 items-center gap-2 font-semibold tracking-tight">
          <svg aria-hidden width="22" height="22" viewBox="0 0 24 24" className="text-emerald-600 dark:text-emerald-400">
            <rect x="1" y="1" width="22" height="22" rx="6" className="fill-zinc-900 dark:fill-zinc-100" />
            <path d="M5 16l4-4 3 3 6-7" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          Stock Hub
        </Link>
        <nav aria-label="Main" className="order-2 ml-auto flex min-w-0 flex-wrap items-center justify-end gap-x-2.5 gap-y-1 text-sm sm:order-3 sm:ml-0 sm:flex-nowrap sm:gap-3">
          <Link href="/" className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
            Markets
          </Link>
          <Link href="/predict" className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
            Predict
          </Link>
          <Link href="/news" className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
            News
          </Link>
          <Link href="/alerts" className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
            Alerts
          </Link>
          <a href="/docs" className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
            API
          </a>
          <ThemeToggle />
          <div data-slot="user-menu" className="flex items-center">
            {userMenu}
          </div>
        </nav>
        <HeaderSearch className="order-3 w-full sm:order-2 sm:ml-auto sm:max-w-xs" />
      </div>
    </header>
  );
}
