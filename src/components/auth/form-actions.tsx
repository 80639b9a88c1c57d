// The end of each account form: the error in place, the submit button and a link to the other form.
import Link from "next/link";
import { safeCallbackUrl } from "./safe-callback-url";
import { buttonClass, errorClass } from "./styles";

export function FormActions({
  error,
  pending,
  label,
  pendingLabel,
  prompt,
  linkPath,
  linkLabel,
  callbackUrl,
}: {
  error: string | null;
  pending: boolean;
  label: string;
  pendingLabel: string;
  prompt: string;
  linkPath: "/login" | "/register";
  linkLabel: string;
  callbackUrl?: string;
}) {
  return (
    <>
      {error && (
        <p role="alert" className={errorClass}>
          {error}
        </p>
      )}
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? pendingLabel : label}
      </button>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {prompt}{" "}
        <Link href={`${linkPath}?callbackUrl=${encodeURIComponent(safeCallbackUrl(callbackUrl))}`} className="underline underline-offset-4">
          {linkLabel}
        </Link>
      </p>
    </>
  );
}
