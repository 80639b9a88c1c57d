// The line under a form that says what happened: an error in red, a success in green, both announced.
import { errorClass } from "@/components/auth/styles";

const okClass =
  "rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-200";

export function Notice({ error, done, testId }: { error: string | null; done: string | null; testId?: string }) {
  if (error) {
    return (
      <p role="alert" className={errorClass} data-testid={testId ? `${testId}-error` : undefined}>
        {error}
      </p>
    );
  }
  if (done) {
    return (
      <p role="status" className={okClass} data-testid={testId ? `${testId}-done` : undefined}>
        {done}
      </p>
    );
  }
  return null;
}
