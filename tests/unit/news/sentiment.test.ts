import { describe, expect, it } from "vitest";
import { scoreSentiment } from "@/server/news/sentiment";

describe("finance lexicon sentiment scorer", () => {
  it("scores bullish headlines positive and bearish ones negative", () => {
    expect(scoreSentiment("Apple beats earnings estimates, shares surge to record high")).toBeGreaterThan(0.5);
    expect(scoreSentiment("Tesla shares plunge after deliveries miss and analysts downgrade the stock")).toBeLessThan(-0.5);
  });

  it("computes (positive - negative) / (positive + negative + 1)", () => {
    // "gains" (+) and "lawsuit" (-) cancel: 0 / 3.
    expect(scoreSentiment("Microsoft gains despite lawsuit")).toBe(0);
    // one positive word: 1 / 2.
    expect(scoreSentiment("Nvidia upgraded at Morgan Stanley")).toBe(0.5);
    // two negative words: -2 / 3.
    expect(scoreSentiment("Bank warns of losses")).toBeCloseTo(-0.667, 3);
  });

  it("flips a word's tone after a negator", () => {
    expect(scoreSentiment("Results did not disappoint")).toBe(0.5);
    expect(scoreSentiment("Guidance was not strong")).toBe(-0.5);
  });

  it("does not treat ordinary finance vocabulary as negative", () => {
    expect(scoreSentiment("Company reports tax liability and cost of revenue for the quarter")).toBe(0);
    expect(scoreSentiment("")).toBe(0);
  });
});
