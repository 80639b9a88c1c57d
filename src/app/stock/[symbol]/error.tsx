"use client";
// A provider or service failed while rendering a stock page; offer a retry instead of a blank page.
import { ErrorPanel } from "@/components/layout/error-panel";

export default function StockError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <ErrorPanel
      error={error}
      retry={retry}
      title="This stock could not be loaded"
      message="The market-data providers did not answer in time or returned an error. Try again in a moment."
      homeLabel="Market overview"
    />
  );
}
