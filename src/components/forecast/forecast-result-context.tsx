"use client";
// The forecast the stock page's forecast panel has on screen, shared with the one-sentence headline at the top
// of the page, so the headline needs no request of its own and follows training as it finishes.
import { createContext, useContext, useEffect, useState } from "react";
import type { PredictionResult } from "@/server/predictions";

type Ctx = { result: PredictionResult | null; setResult: (r: PredictionResult | null) => void };
const ResultContext = createContext<Ctx>({ result: null, setResult: () => undefined });

export function ForecastResultProvider({ children }: { children: React.ReactNode }) {
  const [result, setResult] = useState<PredictionResult | null>(null);
  return <ResultContext.Provider value={{ result, setResult }}>{children}</ResultContext.Provider>;
}

/** Called by the panel that shows `result`; withdrawn when it unmounts. */
export function usePublishForecast(result: PredictionResult): void {
  const { setResult } = useContext(ResultContext);
  useEffect(() => {
    setResult(result);
    return () => setResult(null);
  }, [result, setResult]);
}

export const usePublishedForecast = () => useContext(ResultContext).result;
