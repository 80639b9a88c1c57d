// Why the sign-in or register page is showing: one of the fixed sentences of sign-in-reason.ts.
export function ReasonNote({ text }: { text: string }) {
  return (
    <p data-testid="sign-in-reason" className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900 dark:border-sky-900 dark:bg-sky-950 dark:text-sky-100">
      {text}
    </p>
  );
}
