// News cards cap at six, open articles safely in a new tab, and show the service's reason when empty;
// sparklines scale real closes from the shipped data set into the SVG box.
import { readFileSync } from "node:fs";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NewsCards } from "@/components/market/news-cards";
import { Sparkline } from "@/components/market/sparkline";
import type { NewsArticle } from "@/server/market/types";

const article = (i: number, sentiment: number | null): NewsArticle => ({
  id: `a${i}`,
  title: `Headline ${i}`,
  source: "Reuters",
  url: `https://example.com/story-${i}`,
  imageUrl: i % 2 ? `https://img.example.com/${i}.jpg` : null,
  publishedAt: "2024-03-08T14:00:00Z",
  summary: `Summary ${i}`,
  sentiment,
});

describe("NewsCards", () => {
  it("renders at most six cards, each opening its article in a new tab without an opener", () => {
    const articles = Array.from({ length: 8 }, (_, i) => article(i, [0.6, -0.4, 0.05, null][i % 4]!));
    const html = renderToStaticMarkup(createElement(NewsCards, { news: { articles, refreshedAt: "2024-03-08T15:00:00Z", source: "finnhub" } }));
    expect(html.match(/data-testid="news-card"/g)).toHaveLength(6);
    expect(html).toContain('href="https://example.com/story-5"');
    expect(html).not.toContain("story-6");
    expect(html.match(/target="_blank" rel="noopener noreferrer"/g)).toHaveLength(6);
    expect(html.match(/<img /g)).toHaveLength(3);
    expect(html).toContain(">Bullish<");
    expect(html).toContain(">Bearish<");
    expect(html).toContain(">Neutral<");
    expect(html).toContain("Finnhub · refreshed Mar 8, 2024");
  });

  it("shows the reason instead of cards when there is no provider", () => {
    const reason = "No news provider is connected to this site";
    const html = renderToStaticMarkup(createElement(NewsCards, { news: { articles: [], refreshedAt: "2024-03-08T15:00:00Z", source: null, configured: false, reason } }));
    expect(html).toContain('data-testid="news-empty"');
    expect(html).toContain("News needs a connected news service (Finnhub or Alpha Vantage)");
    // People are not told setting names.
    expect(html).not.toMatch(/[A-Z]+_API_KEY/);
    expect(html).not.toContain('data-testid="news-card"');
  });
});

describe("Sparkline", () => {
  it("maps the highest close to the top edge and the lowest to the bottom edge", () => {
    const closes = readFileSync("data/AAPL.csv", "utf8")
      .trim()
      .split("\n")
      .slice(-21)
      .map((line) => Number(line.split(",")[4]));
    const html = renderToStaticMarkup(createElement(Sparkline, { values: closes, width: 100, height: 30, label: "AAPL" }));
    const ys = [...html.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => Number(m[2]));
    expect(ys).toHaveLength(21);
    // 2 px padding: the max close sits at y=2, the min at y=28.
    expect(ys[closes.indexOf(Math.max(...closes))]).toBe(2);
    expect(ys[closes.indexOf(Math.min(...closes))]).toBe(28);
    const rising = closes[20]! >= closes[0]!;
    expect(html).toContain(rising ? "up over the last 21 closes" : "down over the last 21 closes");
  });
});
