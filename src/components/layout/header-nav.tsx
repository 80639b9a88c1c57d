"use client";
// The main navigation. From a laptop up it sits in the header row; on a phone or tablet it folds behind a Menu
// button (a disclosure: aria-expanded, focus moves to the first link on open and back to the button on Escape,
// and it closes when a link is followed, on a tap or focus outside), so the header stays two rows: brand and
// buttons, then the search. The server renders it closed, so nothing moves on hydration.
import { useEffect, useId, useRef, useState } from "react";

export function HeaderNav({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const navRef = useRef<HTMLElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    navRef.current?.querySelector<HTMLElement>(`[id="${panelId}"] a, [id="${panelId}"] button`)?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (!navRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open, panelId]);

  return (
    <nav
      ref={navRef}
      aria-label="Main"
      className="ml-auto text-sm lg:ml-0 lg:min-w-0"
      onBlur={(e) => {
        if (open && !navRef.current?.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="menu-button"
        onClick={() => setOpen((o) => !o)}
        className="inline-flex items-center gap-1.5 rounded-md border border-zinc-200 px-2.5 py-1 text-sm text-zinc-700 hover:bg-zinc-100 lg:hidden dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-800"
      >
        <svg aria-hidden width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          {open ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
        </svg>
        Menu
      </button>
      <div
        id={panelId}
        data-testid="menu-panel"
        data-open={open}
        // A followed link closes the menu (the header stays mounted across client-side navigations).
        onClick={(e) => {
          if ((e.target as HTMLElement).closest("a")) setOpen(false);
        }}
        className={`${open ? "grid" : "hidden"} absolute inset-x-0 top-full grid-cols-2 gap-x-4 border-b border-zinc-200 bg-white px-4 py-2 shadow-md sm:px-6 dark:border-zinc-800 dark:bg-zinc-950 lg:static lg:flex lg:items-center lg:gap-3 lg:border-0 lg:bg-transparent lg:p-0 lg:shadow-none lg:dark:bg-transparent`}
      >
        {children}
      </div>
    </nav>
  );
}
