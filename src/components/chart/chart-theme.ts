"use client";
// Chart colours for light and dark (canvas cannot use CSS variants, so the theme is read in JS).
import { useEffect, useState } from "react";

export interface ChartPalette {
  text: string;
  grid: string;
  border: string;
  crosshair: string;
  up: string;
  down: string;
  volumeUp: string;
  volumeDown: string;
}

const LIGHT: ChartPalette = {
  text: "#52525b",
  grid: "#f1f1f3",
  border: "#e4e4e7",
  crosshair: "#a1a1aa",
  up: "#059669",
  down: "#e11d48",
  volumeUp: "rgba(5, 150, 105, 0.28)",
  volumeDown: "rgba(225, 29, 72, 0.28)",
};

const DARK: ChartPalette = {
  text: "#a1a1aa",
  grid: "#1f1f23",
  border: "#3f3f46",
  crosshair: "#71717a",
  up: "#34d399",
  down: "#fb7185",
  volumeUp: "rgba(52, 211, 153, 0.3)",
  volumeDown: "rgba(251, 113, 133, 0.3)",
};

/** Same rule as the CSS `dark` variant: a pinned class wins, otherwise the system setting. */
export function useIsDark(): boolean {
  const [dark, setDark] = useState(false);
  useEffect(() => {
    const root = document.documentElement;
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const read = () => setDark(root.classList.contains("dark") || (!root.classList.contains("light") && media.matches));
    read();
    const obs = new MutationObserver(read);
    obs.observe(root, { attributes: true, attributeFilter: ["class"] });
    media.addEventListener("change", read);
    return () => {
      obs.disconnect();
      media.removeEventListener("change", read);
    };
  }, []);
  return dark;
}

export function paletteFor(dark: boolean): ChartPalette {
  return dark ? DARK : LIGHT;
}
