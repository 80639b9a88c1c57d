// Picks the storage backend from the environment. Free of "server-only" so tsx scripts (training CLI) can use it.
import { join } from "node:path";
import type { Env } from "@/env";
import { createLocalStorage } from "./local";
import { createS3Storage } from "./s3";
import type { ObjectStorage } from "./types";

export function createStorage(env: Env): ObjectStorage {
  if (env.MODELS_BUCKET) {
    const credentials =
      env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
        : undefined; // otherwise the SDK's default chain (IAM role, AWS_* variables)
    return createS3Storage({
      bucket: env.MODELS_BUCKET,
      region: env.S3_REGION,
      endpoint: env.S3_ENDPOINT,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
      credentials,
    });
  }
  return createLocalStorage({ root: env.MODELS_DIR ?? join(env.DATA_DIR, "models") });
}
