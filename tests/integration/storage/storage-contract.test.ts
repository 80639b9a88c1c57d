import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalStorage } from "@/lib/storage/local";
import { modelArtifactKey } from "@/lib/storage/keys";
import { createS3Storage } from "@/lib/storage/s3";
import type { ObjectStorage } from "@/lib/storage/types";
import { startS3Server, type S3TestServer } from "../../support/s3-server";

interface Backend {
  name: string;
  open(): Promise<{ storage: ObjectStorage; cleanup(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: "local folder",
    async open() {
      const root = mkdtempSync(join(tmpdir(), "stock-hub-models-"));
      return { storage: createLocalStorage({ root }), cleanup: async () => rmSync(root, { recursive: true, force: true }) };
    },
  },
  {
    name: "S3 (s3rver over HTTP)",
    async open() {
      const server: S3TestServer = await startS3Server();
      const storage = createS3Storage({
        bucket: server.bucket,
        region: "us-east-1",
        endpoint: server.endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
      });
      return { storage, cleanup: () => server.stop() };
    },
  },
];

describe.each(backends)("storage contract: $name", (backend) => {
  let storage: ObjectStorage;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ storage, cleanup } = await backend.open());
  });
  afterAll(async () => {
    await cleanup?.();
  });

  it("round-trips binary and text bodies byte for byte", async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31 + 7) % 256);
    const key = modelArtifactKey({ model: "lstm", version: "v1", symbol: "aapl", ext: "bin" });
    expect(key).toBe("models/lstm/v1/AAPL.bin");
    await storage.put({ key, body: bytes, contentType: "application/octet-stream" });
    const back = await storage.get({ key });
    expect(back).toBeInstanceOf(Uint8Array);
    expect(back!.byteLength).toBe(bytes.byteLength);
    expect(Buffer.from(back!).equals(Buffer.from(bytes))).toBe(true);

    const json = JSON.stringify({ weights: [0.25, -1.5], note: "naïve ✓" });
    await storage.put({ key: "models/arima/v1/MSFT.json", body: json, contentType: "application/json" });
    expect(new TextDecoder().decode((await storage.get({ key: "models/arima/v1/MSFT.json" }))!)).toBe(json);
  });

  it("overwrites an existing key", async () => {
    await storage.put({ key: "models/rf/v1/NVDA.json", body: "first" });
    await storage.put({ key: "models/rf/v1/NVDA.json", body: "second, longer" });
    expect(new TextDecoder().decode((await storage.get({ key: "models/rf/v1/NVDA.json" }))!)).toBe("second, longer");
  });

  it("returns null for a missing key", async () => {
    expect(await storage.get({ key: "models/none/v9/ZZZZ.json" })).toBeNull();
  });

  it("lists keys under a prefix, sorted, and nothing else", async () => {
    for (const s of ["TSLA", "AMZN", "META"]) await storage.put({ key: `models/gbt/v2/${s}.json`, body: s });
    await storage.put({ key: "models/gbt/v20/AMZN.json", body: "other version" });
    expect(await storage.list({ prefix: "models/gbt/v2/" })).toEqual([
      "models/gbt/v2/AMZN.json",
      "models/gbt/v2/META.json",
      "models/gbt/v2/TSLA.json",
    ]);
    expect(await storage.list({ prefix: "models/gbt/v2" })).toHaveLength(4);
    expect(await storage.list({ prefix: "models/nothing-here/" })).toEqual([]);
  });

  it("deletes, and deleting a missing key is not an error", async () => {
    await storage.put({ key: "models/tmp/v1/JPM.json", body: "x" });
    await storage.delete({ key: "models/tmp/v1/JPM.json" });
    expect(await storage.get({ key: "models/tmp/v1/JPM.json" })).toBeNull();
    expect(await storage.list({ prefix: "models/tmp/" })).toEqual([]);
    await expect(storage.delete({ key: "models/tmp/v1/JPM.json" })).resolves.toBeUndefined();
  });

  it("rejects keys that could escape or are not portable", async () => {
    for (const key of ["../etc/passwd", "models/../../x", "/abs/path", "models//double", "C:/win", "models\\x", ""]) {
      await expect(storage.put({ key, body: "x" }), key).rejects.toMatchObject({ code: "bad_request" });
      await expect(storage.get({ key }), key).rejects.toMatchObject({ code: "bad_request" });
    }
  });

  it("reports health up with a measured latency", async () => {
    const h = await storage.health();
    expect(h.status).toBe("up");
    expect(h.latencyMs).toBeGreaterThanOrEqual(0);
  });
});

describe("local folder specifics", () => {
  it("leaves no temp files behind after writes", async () => {
    const root = mkdtempSync(join(tmpdir(), "stock-hub-models-"));
    try {
      const storage = createLocalStorage({ root });
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => storage.put({ key: "models/ens/v1/AAPL.json", body: `writer ${i}`.repeat(1000) })),
      );
      expect(readdirSync(join(root, "models/ens/v1"))).toEqual(["AAPL.json"]);
      expect(new TextDecoder().decode((await storage.get({ key: "models/ens/v1/AAPL.json" }))!)).toMatch(/^(writer \d+)+$/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("S3 health", () => {
  it("is down with the reason when the bucket does not exist", async () => {
    const server = await startS3Server();
    try {
      const storage = createS3Storage({
        bucket: "no-such-bucket",
        region: "us-east-1",
        endpoint: server.endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
      });
      const h = await storage.health();
      expect(h.status).toBe("down");
      expect(h.latencyMs).toBeNull();
      expect(h.detail).toMatch(/NotFound|NoSuchBucket|404/);
    } finally {
      await server.stop();
    }
  });
});
