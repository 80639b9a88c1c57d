import "server-only";
// A registered version's artifact, read from model storage (the key is in its ModelVersion row).
import { storage } from "@/lib/storage";
import { parseArtifact, type ModelArtifact } from "@/server/forecast";
import type { VersionView } from "./catalog";

export async function loadArtifactOf(v: Pick<VersionView, "artifactKey" | "model" | "version">): Promise<ModelArtifact> {
  const bytes = await storage.get({ key: v.artifactKey });
  // A registry row without its artifact is a broken deployment, not an unknown resource: a logged 500.
  if (!bytes) throw new Error(`Artifact ${v.artifactKey} is missing from model storage`);
  return parseArtifact(new TextDecoder().decode(bytes));
}
