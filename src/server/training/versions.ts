// Version tags: MODEL_VERSION plus a UTC timestamp to the millisecond, so every training run is unique
// and sorts by time (e.g. "v1-20261122T053500123Z").
import { getEnv } from "@/env";

export function newVersion({ now = new Date() }: { now?: Date } = {}): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(".", ""); // 20261122T053500123Z
  // Artifact versions are at most 40 characters.
  return `${getEnv().MODEL_VERSION.slice(0, 40 - stamp.length - 1)}-${stamp}`;
}
