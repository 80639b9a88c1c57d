// A model's stored walk-forward state (backtest_stores.state_gz) as bytes: gzip of its JSON. Made and read
// on the training thread that uses it, so the server's thread only moves bytes to and from the database
// (a random forest's state is ~1.6 MB of JSON: half a second of the server's thread to write as Json columns).
import { gunzipSync, gzipSync } from "node:zlib";
import type { StoredBacktest, StoredOrigin } from "./backtest-records";
import { HORIZON_KEYS } from "./types";
import type { StoredVolPlan } from "./volatility/store";

// JSON has no NaN: a NaN forecast is written as null and read back as NaN (a missing horizon stays missing).
export function originFromJson(o: StoredOrigin): StoredOrigin {
  const forecast: StoredOrigin["forecast"] = {};
  for (const h of HORIZON_KEYS) {
    const f = o.forecast[h] as number | null | undefined;
    if (f !== undefined) forecast[h] = f === null ? Number.NaN : f;
  }
  return { ...o, forecast };
}

export function originToJson(o: StoredOrigin): StoredOrigin {
  const modelSd: StoredOrigin["modelSd"] = {};
  for (const h of HORIZON_KEYS) {
    const sd = o.modelSd[h];
    // A non-finite sd is "none", like a missing one.
    if (sd !== undefined) modelSd[h] = sd === null || !Number.isFinite(sd) ? null : sd;
  }
  return { ...o, modelSd };
}

/** The stored state as gzip-compressed JSON, in its own ArrayBuffer (a thread can transfer it). */
export function encodeStored(s: StoredBacktest): Uint8Array {
  const json = JSON.stringify({ configHash: s.configHash, origins: s.origins.map(originToJson), final: s.final, fits: s.fits });
  return new Uint8Array(gzipSync(json));
}

/** What encodeStored wrote (JSON's nulls read as NaN forecasts; a missing final fit or fits stays missing). */
export function decodeStored(bytes: Uint8Array): StoredBacktest {
  const s = JSON.parse(gunzipSync(bytes).toString("utf8")) as StoredBacktest;
  return { configHash: s.configHash, origins: s.origins.map(originFromJson), ...(s.final ? { final: s.final } : {}), ...(s.fits ? { fits: s.fits } : {}) };
}

/** A symbol's stored volatility fits (volatility_stores.state_gz) as gzip-compressed JSON, made on the training thread too. */
export function encodeVolStore(s: StoredVolPlan): Uint8Array {
  return new Uint8Array(gzipSync(JSON.stringify({ configHash: s.configHash, fits: s.fits, finals: s.finals })));
}

/** What encodeVolStore wrote. */
export function decodeVolStore(bytes: Uint8Array): StoredVolPlan {
  const s = JSON.parse(gunzipSync(bytes).toString("utf8")) as StoredVolPlan;
  return { configHash: s.configHash, fits: s.fits, finals: s.finals };
}
