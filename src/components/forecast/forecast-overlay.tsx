"use client";
// The forecast the stock page's table shows, shared with the price chart above it so the chart can draw
// the selected model's path and 80/95% bands as series that continue the price line.
import { createContext, useContext, useMemo, useState } from "react";
import type { ModelPrediction } from "@/server/predictions";
import { modelLabel } from "./model-labels";

export interface ForecastOverlay {
  label: string;
  /** The origin (last close) and one point per horizon, by target date. */
  path: { date: string; value: number }[];
  band80: { date: string; lower: number; upper: number }[];
  band95: { date: string; lower: number; upper: number }[];
}

export function overlayOf({ model, asOf, lastClose }: { model: ModelPrediction; asOf: string; lastClose: number }): ForecastOverlay {
  const hs = Object.values(model.horizons)
    .filter((h): h is NonNullable<typeof h> => Boolean(h))
    .sort((a, b) => a.steps - b.steps);
  const start = { date: asOf, value: lastClose };
  const band = (k: "80" | "95") => [
    { date: asOf, lower: lastClose, upper: lastClose },
    ...hs.flatMap((h) => (h.intervals ? [{ date: h.targetDate, lower: h.intervals[k][0], upper: h.intervals[k][1] }] : [])),
  ];
  return { label: modelLabel(model.name), path: [start, ...hs.map((h) => ({ date: h.targetDate, value: h.price }))], band80: band("80"), band95: band("95") };
}

type Ctx = { overlay: ForecastOverlay | null; setOverlay: (o: ForecastOverlay | null) => void };
const OverlayContext = createContext<Ctx>({ overlay: null, setOverlay: () => undefined });

export function ForecastOverlayProvider({ children }: { children: React.ReactNode }) {
  const [overlay, setOverlay] = useState<ForecastOverlay | null>(null);
  const value = useMemo(() => ({ overlay, setOverlay }), [overlay]);
  return <OverlayContext.Provider value={value}>{children}</OverlayContext.Provider>;
}

export const useForecastOverlay = () => useContext(OverlayContext);
