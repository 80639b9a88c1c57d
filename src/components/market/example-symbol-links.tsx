// "Try AAPL, MSFT or GOOGL" on the 404 pages: links to stock pages that exist.
import Link from "next/link";
import { exampleSymbols } from "./example-symbols";

export function ExampleSymbols({ lead }: { lead: string }) {
  const symbols = exampleSymbols();
  if (symbols.length === 0) return null;
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="example-symbols">
      {lead}{" "}
      {symbols.map((s, i) => (
        <span key={s}>
          {i > 0 && (i === symbols.length - 1 ? " or " : ", ")}
          <Link href={`/stock/${s}`} className="font-medium underline underline-offset-2">
            {s}
          </Link>
        </span>
      ))}
      .
    </p>
  );
}
