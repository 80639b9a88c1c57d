// The ledger's chain rule: a chain verifies; changing any field of an entry, deleting one, reordering them,
// cutting the tail or recording one after its target session opened is detected, with the entry's number.
import { describe, expect, it } from "vitest";
import { canonicalJson, entryHash, GENESIS_HASH, sessionOpensAt, type LedgerEntryView, type LedgerFields } from "@/server/ledger/chain";
import { verifyChain } from "@/server/ledger/verify";
import { TRACK_RECORD_EXAMPLE_ENTRY } from "@/server/ledger/schemas";

function chain(n: number): LedgerEntryView[] {
  const out: LedgerEntryView[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const f: LedgerFields = {
      seq: i,
      recordedAt: `2024-03-0${Math.min(i, 7)}T22:00:00.000Z`,
      symbol: i % 2 ? "AAPL" : "MSFT",
      model: "naive",
      version: "v1-20240301T000000000Z",
      horizon: 1,
      originDate: `2024-03-0${Math.min(i, 7)}`,
      targetDate: "2024-03-08",
      originClose: 169 + i,
      price: 169 + i,
      lower80: 166.4 + i,
      upper80: 171.6 + i,
      lower95: null,
      upper95: null,
      lower99: 160,
      upper99: 180.25,
      quantiles: [160, 165, 166.4 + i, 169 + i, 171.6 + i, 175, 180.25],
      source: "yahoo",
      prevHash: prev,
    };
    const hash = entryHash(f);
    out.push({ ...f, hash });
    prev = hash;
  }
  return out;
}
const headOf = (c: LedgerEntryView[]) => ({ seq: c[c.length - 1].seq, hash: c[c.length - 1].hash });

describe("canonical form and hash", () => {
  it("sorts keys at every depth and writes no spaces", () => {
    expect(canonicalJson({ b: 1, a: { d: [2.5, null, "x"], c: true } })).toBe('{"a":{"c":true,"d":[2.5,null,"x"]},"b":1}');
  });

  it("the API document's example entry carries its real hash (the rule a reader can try in any language)", () => {
    expect(entryHash(TRACK_RECORD_EXAMPLE_ENTRY)).toBe(TRACK_RECORD_EXAMPLE_ENTRY.hash);
    // The same bytes Python's json.dumps(entry, sort_keys=True, separators=(",", ":")) writes.
    expect(canonicalJson({ ...TRACK_RECORD_EXAMPLE_ENTRY, hash: undefined, score: undefined })).toBe(
      '{"horizon":1,"lower80":166.4,"lower95":164.9,"lower99":162.1,"model":"naive","originClose":169,"originDate":"2024-03-07",' +
        `"prevHash":"${"0".repeat(64)}","price":169,"quantiles":[162.1,164.9,166.4,169,171.6,173.2,176.2],"recordedAt":"2024-03-07T23:10:00.000Z",` +
        '"seq":1,"source":"yahoo","symbol":"AAPL","targetDate":"2024-03-08","upper80":171.6,"upper95":173.2,"upper99":176.2,"version":"v1-20261207T021000000Z"}',
    );
  });

  it("the target session opens at 09:30 New York time, in winter and summer", () => {
    expect(sessionOpensAt("2024-03-08").toISOString()).toBe("2024-03-08T14:30:00.000Z");
    expect(sessionOpensAt("2024-03-11").toISOString()).toBe("2024-03-11T13:30:00.000Z");
  });
});

describe("verifying a chain", () => {
  it("a chain of 7 entries verifies up to its head", () => {
    const c = chain(7);
    expect(verifyChain(c, headOf(c))).toEqual({ ok: true, checked: 7, last: headOf(c), broken: null });
    expect(verifyChain([], { seq: 0, hash: GENESIS_HASH })).toMatchObject({ ok: true, checked: 0 });
  });

  it("changing any field of entry 4 is detected at entry 4", () => {
    const changes: Partial<LedgerFields>[] = [
      { price: 173.0001 }, { recordedAt: "2024-03-04T22:00:00.001Z" }, { symbol: "NVDA" }, { model: "arima" }, { version: "v2" },
      { horizon: 2 }, { originDate: "2024-03-05" }, { targetDate: "2024-03-11" }, { originClose: 1 }, { lower80: 0 }, { upper95: 200 },
      { quantiles: [160, 165, 170.4, 173, 175.6, 175, 180.26] }, { source: "shipped" },
    ];
    for (const change of changes) {
      const c = chain(7);
      c[3] = { ...c[3], ...change };
      expect(verifyChain(c, headOf(c)).broken, JSON.stringify(change)).toMatchObject({ seq: 4, reason: "hash" });
    }
  });

  it("an entry rewritten with a fresh hash breaks the link of the next one", () => {
    const c = chain(7);
    const forged = { ...c[3], price: 1 };
    c[3] = { ...forged, hash: entryHash(forged) };
    const v = verifyChain(c, headOf(c));
    expect(v.broken).toMatchObject({ seq: 5, reason: "link" });
    expect(v.last.seq).toBe(4);
  });

  it("a deleted entry is named", () => {
    const c = chain(7);
    c.splice(2, 1);
    expect(verifyChain(c, headOf(c)).broken).toEqual({ seq: 3, reason: "sequence", message: "entry 3 is missing (next found: 4)" });
  });

  it("reordered entries are detected, whether listed out of order or renumbered", () => {
    const c = chain(7);
    [c[2], c[3]] = [c[3], c[2]];
    expect(verifyChain(c, headOf(c)).broken).toMatchObject({ seq: 3, reason: "sequence" });
    const d = chain(7);
    const [a, b] = [d[2], d[3]];
    d[2] = { ...b, seq: 3 };
    d[3] = { ...a, seq: 4 };
    expect(verifyChain(d, headOf(d)).broken).toMatchObject({ seq: 3, reason: "link" });
  });

  it("a cut tail shows against the head", () => {
    const c = chain(7);
    const head = headOf(c);
    expect(verifyChain(c.slice(0, 5), head).broken).toMatchObject({ seq: 6, reason: "head", message: expect.stringContaining("entries 6..7 are missing") });
  });

  it("an entry recorded after its target session opened is no forecast", () => {
    const c = chain(3);
    const late = { ...c[2], recordedAt: "2024-03-08T14:30:00.000Z" };
    c[2] = { ...late, hash: entryHash(late) };
    expect(verifyChain(c, headOf(c)).broken).toMatchObject({ seq: 3, reason: "late" });
  });
});
