"use client";
// The body of every error boundary: what failed, a reference the server log can be searched for, and a retry.
import Link from "next/link";

export function ErrorPanel({
  error,
  retry,
  title,
  message,
  homeLabel,
}: {
  error: unknown;
  retry: () => void;
  title: string;
  message: string;
  homeLabel: string;
}) {
  const digest = error instanceof Error && "digest" in error ? String((error as { digest?: string }).digest ?? "") : "";
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-4 py-16 text-center" role="alert">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {message}
        {digest && <span className="mt-1 block text-xs text-zinc-400">Reference: {digest}</span>}
      </p>
      <div className="flex gap-3">
        <button type="button" onClick={() => retry()} className="rounded-md bg-zinc-900 px-3 py-1.5 text-sm text-white dark:bg-zinc-100 dark:text-zinc-900">
          Try again
        </button>
        <Link href="/" className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700">
          {homeLabel}
        </Link>
      </div>
    </div>
  );
}
