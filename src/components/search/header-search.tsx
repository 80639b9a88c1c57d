// The header's ticker search: what the site carries for the no-match list, whether a live provider may serve
// any symbol, and whether someone is signed in (then suggestions can be added to their watchlists).
import { availableTickers } from "@/components/market/example-symbols";
import { sessionUser } from "@/server/auth";
import { liveMode } from "@/server/market";
import { TickerSearch } from "./ticker-search";

export async function HeaderSearch({ className }: { className: string }) {
  const user = await sessionUser();
  return <TickerSearch label="Site search" className={className} available={availableTickers()} anySymbol={liveMode() === "online"} signedIn={user !== null} />;
}
