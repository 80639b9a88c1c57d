"use client";
// Site-wide error boundary: something failed while rendering; the details stay in the server log.
import { ErrorPanel } from "@/components/layout/error-panel";

export default function AppErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <ErrorPanel
      error={error}
      retry={retry}
      title="Something went wrong"
      message="The page could not be rendered. Try again in a moment."
      homeLabel="Home"
    />
  );
}
