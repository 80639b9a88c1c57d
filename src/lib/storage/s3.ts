// S3 backend (AWS S3, Cloudflare R2, MinIO, ...). The only file that imports @aws-sdk.
import { randomBytes } from "node:crypto";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { elapsedMs, errorMessage, withTimeout } from "@/lib/health";
import { assertValidKey, assertValidPrefix, toBytes } from "./keys";
import type { ObjectStorage } from "./types";

export interface S3StorageOptions {
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle?: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export function createS3Storage(opts: S3StorageOptions): ObjectStorage {
  const client = new S3Client({
    region: opts.region,
    endpoint: opts.endpoint,
    forcePathStyle: opts.forcePathStyle,
    credentials: opts.credentials,
    maxAttempts: 3,
  });
  const Bucket = opts.bucket;
  const label = opts.endpoint ? `s3(${new URL(opts.endpoint).host}/${Bucket})` : `s3(${Bucket})`;

  return {
    backend: "s3",
    async put({ key, body, contentType }) {
      const bytes = toBytes(body);
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: assertValidKey(key),
          Body: bytes,
          ContentLength: bytes.byteLength,
          ContentType: contentType ?? (typeof body === "string" ? "text/plain; charset=utf-8" : "application/octet-stream"),
        }),
      );
    },
    async get({ key }) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: assertValidKey(key) }));
        return out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
      } catch (err) {
        if (err instanceof NoSuchKey || (err as { name?: string }).name === "NoSuchKey") return null;
        throw err;
      }
    },
    async list({ prefix }) {
      assertValidPrefix(prefix);
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket, Prefix: prefix || undefined, ContinuationToken: token }),
        );
        for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys.sort();
    },
    async delete({ key }) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: assertValidKey(key) }));
    },
    // A small object written and deleted: a bucket that exists but refuses writes (read-only credentials, a
    // quota) is down for training, which stores artifacts.
    async health() {
      const started = performance.now();
      const Key = `health/probe-${randomBytes(6).toString("hex")}`;
      try {
        await withTimeout(client.send(new HeadBucketCommand({ Bucket })), { ms: 3000, what: "S3 HeadBucket" });
        await withTimeout(client.send(new PutObjectCommand({ Bucket, Key, Body: "storage health probe\n", ContentType: "text/plain" })), { ms: 3000, what: "S3 PutObject" });
        await withTimeout(client.send(new DeleteObjectCommand({ Bucket, Key })), { ms: 3000, what: "S3 DeleteObject" });
        return { status: "up", backend: label, latencyMs: elapsedMs(started) };
      } catch (err) {
        const name = (err as { name?: string }).name;
        return { status: "down", backend: label, latencyMs: null, detail: name && name !== "Error" ? `${name}: ${errorMessage(err)}` : errorMessage(err) };
      }
    },
  };
}
