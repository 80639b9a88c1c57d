import "server-only";
// `import { storage } from "@/lib/storage"`: model artifacts in a local folder (default) or S3 (MODELS_BUCKET).
import { getEnv } from "@/env";
import { processService } from "@/lib/services";
import { createStorage } from "./create";
import type { ObjectStorage } from "./types";

export type { ObjectStorage } from "./types";
export { modelArtifactKey } from "./keys";

// Created on first use so importing this module never reads the environment (e.g. during `next build`).
const current = (): ObjectStorage => processService("storage", () => createStorage(getEnv()));

export const storage: ObjectStorage = {
  get backend() {
    return current().backend;
  },
  put: (args) => current().put(args),
  get: (args) => current().get(args),
  list: (args) => current().list(args),
  delete: (args) => current().delete(args),
  health: () => current().health(),
};
