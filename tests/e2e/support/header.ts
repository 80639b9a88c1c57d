// The site header on a phone: the navigation and account links fold behind the Menu button.
import type { Page } from "@playwright/test";

/** Opens the header's Menu when the viewport shows one (phones, tablets); does nothing on a desktop. */
export async function openHeaderMenu(page: Page): Promise<void> {
  const button = page.getByTestId("menu-button");
  if ((await button.isVisible()) && (await button.getAttribute("aria-expanded")) !== "true") await button.click();
}

/** The header's height and how many rows its visible controls sit in (centres more than 20 px apart). */
export async function headerLayout(page: Page): Promise<{ height: number; rows: number; controls: string[] }> {
  return page.evaluate(() => {
    const header = document.querySelector("header")!;
    const visible = Array.from(header.querySelectorAll<HTMLElement>("a, button, input")).filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 1 && r.height > 1 && getComputedStyle(el).visibility !== "hidden";
    });
    const centres = visible.map((el) => {
      const r = el.getBoundingClientRect();
      return r.top + r.height / 2;
    });
    const rows: number[] = [];
    for (const c of [...centres].sort((a, b) => a - b)) if (rows.length === 0 || c - rows[rows.length - 1]! > 20) rows.push(c);
    return {
      height: Math.round(header.getBoundingClientRect().height),
      rows: rows.length,
      controls: visible.map((el) => (el.textContent || el.getAttribute("aria-label") || el.getAttribute("placeholder") || el.tagName).trim().slice(0, 40)),
    };
  });
}
