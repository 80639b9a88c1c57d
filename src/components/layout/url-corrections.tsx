// A visible note when the address asked for something the page does not offer and the page shows something
// else instead (e.g. /predict?days=180 shows 90 days): never correct a URL silently.
export function UrlCorrections({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <div role="status" data-testid="url-corrections" className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100">
      {notes.map((n) => (
        <p key={n}>{n}</p>
      ))}
    </div>
  );
}
