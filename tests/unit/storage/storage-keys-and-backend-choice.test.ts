import { describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { createStorage } from "@/lib/storage/create";
import { assertValidKey, assertValidPrefix, modelArtifactKey } from "@/lib/storage/keys";

describe("storage keys", () => {
  it("builds model artifact keys as models/{model}/{version}/{SYMBOL}.{ext}", () => {
    expect(modelArtifactKey({ model: "arima", version: "v3", symbol: "brk.b", ext: ".json" })).toBe("models/arima/v3/BRK.B.json");
  });

  it("rejects traversal, absolute and malformed keys", () => {
    for (const bad of ["..", "a/../b", "./a", "/a", "a//b", "a/", "a\\b", "D:/x", "a/b c", "a\0b"]) {
      expect(() => assertValidKey(bad), bad).toThrow(/storage key/i);
    }
    expect(assertValidKey("models/lstm/v1/AAPL.bin")).toBe("models/lstm/v1/AAPL.bin");
  });

  it("accepts empty and slash-terminated prefixes but not traversal", () => {
    expect(assertValidPrefix("")).toBe("");
    expect(assertValidPrefix("models/")).toBe("models/");
    expect(() => assertValidPrefix("../")).toThrow();
  });
});

describe("storage backend choice", () => {
  it("uses the local folder without MODELS_BUCKET and S3 with it", () => {
    expect(createStorage(parseEnv({ NODE_ENV: "test" })).backend).toBe("local");
    expect(
      createStorage(parseEnv({ NODE_ENV: "test", MODELS_BUCKET: "b", S3_ENDPOINT: "http://127.0.0.1:9000", S3_FORCE_PATH_STYLE: "1" }))
        .backend,
    ).toBe("s3");
  });
});
