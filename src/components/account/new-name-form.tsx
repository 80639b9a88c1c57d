// The one-field form that makes a new named thing (a watchlist, a portfolio): a name and a Create button.
import { buttonClass, inputClass } from "@/components/auth/styles";

export function NewNameForm({ label, placeholder, pending, onSubmit, testId }: { label: string; placeholder: string; pending: boolean; onSubmit: (e: React.FormEvent<HTMLFormElement>) => void; testId: string }) {
  return (
    <form onSubmit={onSubmit} noValidate className="flex max-w-md items-end gap-2" data-testid={testId}>
      <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm font-medium">
        {label}
        <input name="name" maxLength={40} placeholder={placeholder} className={inputClass} />
      </label>
      <button type="submit" disabled={pending} className={buttonClass}>
        Create
      </button>
    </form>
  );
}
