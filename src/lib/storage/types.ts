import type { Health } from "@/lib/health";

/** Object storage for model artifacts; every backend passes tests/integration/storage/storage-contract. */
export interface ObjectStorage {
  readonly backend: "local" | "s3";
  put(args: { key: string; body: Uint8Array | string; contentType?: string }): Promise<void>;
  /** null when there is no object under the key. */
  get(args: { key: string }): Promise<Uint8Array | null>;
  /** Keys starting with prefix, sorted. */
  list(args: { prefix: string }): Promise<string[]>;
  /** Deleting a missing key is not an error. */
  delete(args: { key: string }): Promise<void>;
  health(): Promise<Health>;
}
