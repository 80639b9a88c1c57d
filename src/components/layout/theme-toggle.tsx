"use client";
// Cycles system -> light -> dark. "system" removes the class so the CSS media query decides again.
import { useEffect, useState } from "react";

type Choice = "system" | "light" | "dark";
const NEXT: Record<Choice, Choice> = { system: "light", light: "dark", dark: "system" };
const LABEL: Record<Choice, string> = { system: "Auto", light: "Light", dark: "Dark" };

function apply(choice: Choice) {
  const root = document.documentElement;
  root.classList.remove("light", "dark");
  if (choice !== "system") root.classList.add(choice);
}

export function ThemeToggle() {
  const [choice, setChoice] = useState<Choice>("system");
  useEffect(() => {
    const stored = localStorage.getItem("theme");
    if (stored === "light" || stored === "dark") {
      setChoice(stored);
      apply(stored);
    }
  }, []);

  return (
    <button
      type="button"
      data-testid="theme-toggle"
      onClick={() => {
        const next = NEXT[choice];
        if (next === "system") localStorage.removeItem("theme");
        else localStorage.setItem("theme", next);
        setChoice(next);
        apply(next);
      }}
      title={`Theme: ${LABEL[choice]} (click to change)`}
      className="min-w-11 rounded-md border border-zinc-200 px-2 py-1 text-xs lg:min-w-0 text-zinc-600 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800"
    >
      <span aria-hidden>{choice === "dark" ? "☾" : choice === "light" ? "☀" : "◐"}</span>
      <span className="ml-1 hidden sm:inline">{LABEL[choice]}</span>
      <span className="sr-only">Theme: {LABEL[choice]}</span>
    </button>
  );
}
