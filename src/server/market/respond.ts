import "server-only";
// Market responses carry their provenance in headers too, so API clients (and caches in front of
// the app) can see the source and as-of date without parsing the body.
import { NextResponse } from "next/server";
import { provenanceLine } from "@/lib/market-labels";
import type { Provenance } from "./types";

export function withProvenance<T extends Partial<Provenance>>(data: T): NextResponse {
  const headers: Record<string, string> = {};
  if (data.source) headers["X-Data-Source"] = data.source;
  if (data.asOf) headers["X-Data-As-Of"] = data.asOf;
  if (data.historical !== undefined) headers["X-Data-Historical"] = String(data.historical);
  if (data.source && data.asOf && data.historical !== undefined) {
    const sourceLabel = provenanceLine({ source: data.source, asOf: data.asOf, historical: data.historical });
    headers["X-Data-Source-Label"] = sourceLabel;
    return NextResponse.json({ ...data, sourceLabel }, { headers });
  }
  return NextResponse.json(data, { headers });
}
