// A job definition as the Inngest function /api/inngest serves, for @inngest/test.
import { jobDefinitions } from "@/handlers";
import { toInngestFunction } from "@/handlers/serve";

export function inngestFunction(id: string) {
  const def = jobDefinitions.find((d) => d.id === id);
  if (!def) throw new Error(`no job ${id}`);
  return toInngestFunction(def);
}
