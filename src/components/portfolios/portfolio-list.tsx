"use client";
// The person's portfolios as links, and the form that makes a new one (empty: holdings come next).
import { useState } from "react";
import { callApi } from "@/components/account/call-api";
import { NewNameForm } from "@/components/account/new-name-form";
import { Notice } from "@/components/account/notice";
import { mutedText, type PortfolioSummary, type PortfolioView } from "./types";

export function PortfolioList({ portfolios, selected }: { portfolios: PortfolioSummary[]; selected: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function create(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget).get("name") ?? "").trim();
    if (!name) return setError("Name: give the new portfolio a name, like Pension or Trading.");
    setPending(true);
    const r = await callApi<PortfolioView>("/api/portfolios", { body: { name, transactions: [] } });
    setPending(false);
    setError(r.error);
    if (r.ok && r.data) window.location.assign(`/portfolios?id=${encodeURIComponent(r.data.id)}`);
  }

  return (
    <div className="flex flex-col gap-3">
      {portfolios.length > 0 && (
        <nav aria-label="Your portfolios">
          <ul className="flex flex-wrap gap-2" data-testid="portfolio-list">
            {portfolios.map((p) => (
              <li key={p.id}>
                <a
                  href={`/portfolios?id=${encodeURIComponent(p.id)}`}
                  aria-current={p.id === selected ? "page" : undefined}
                  className={`inline-flex min-h-10 items-center rounded-full border px-3 text-sm ${p.id === selected ? "border-zinc-900 bg-zinc-900 text-white dark:border-zinc-100 dark:bg-zinc-100 dark:text-zinc-900" : "border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"}`}
                >
                  {p.name}{" "}
                  <span className={`ml-1 text-xs ${p.id === selected ? "" : mutedText}`}>{p.symbols.length ? p.symbols.join(", ") : "empty"}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <NewNameForm label="New portfolio" placeholder="e.g. Pension" pending={pending} onSubmit={create} testId="new-portfolio-form" />
      <Notice error={error} done={null} testId="new-portfolio" />
    </div>
  );
}
