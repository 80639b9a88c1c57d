// What the charts actually painted, read back from the pixels: data attributes say what the chart was given,
// these helpers say what a person sees (a price chart squashed into a flat line at the bottom of its pane
// still has the right `data-points`).
import type { Locator } from "@playwright/test";

export interface PaneInk {
  /** Pane height in canvas pixels. */
  height: number;
  /** Opaque green/red pixels: the area's line or the candles (the area's fill is translucent, so not counted). */
  seriesPx: number;
  /** First and last row holding such pixels, as a share of the pane height (0 = top). */
  seriesTop: number;
  seriesBottom: number;
  /** Green/red pixels of any opacity: volume bars are translucent. */
  colouredPx: number;
  /** Sky-blue pixels: the forecast path and its 80/95% bounds; their first and last row as for the series. */
  skyPx: number;
  skyTop: number;
  skyBottom: number;
}

/**
 * One entry per pane of the lightweight-charts instance inside `host`, top to bottom. The library lays the chart
 * out as a table: one row per pane (left axis, plot, right axis), 1-px separator rows, and the time axis last.
 */
export function paneInk(host: Locator): Promise<PaneInk[]> {
  return host.evaluate((el) => {
    const rows = Array.from(el.querySelectorAll("table tr")).filter((tr) => tr.children.length === 3);
    return rows.slice(0, -1).map((tr) => {
      const canvases = Array.from(tr.children[1].querySelectorAll("canvas")) as HTMLCanvasElement[];
      const w = canvases[0]?.width ?? 0;
      const h = canvases[0]?.height ?? 0;
      const out = { height: h, seriesPx: 0, seriesTop: 1, seriesBottom: 0, colouredPx: 0, skyPx: 0, skyTop: 1, skyBottom: 0 };
      let top = Infinity;
      let bottom = -1;
      let skyTop = Infinity;
      let skyBottom = -1;
      for (const c of canvases) {
        const ctx = c.getContext("2d");
        if (!ctx || c.width !== w || c.height !== h || w === 0 || h === 0) continue;
        const px = ctx.getImageData(0, 0, w, h).data;
        for (let i = 0; i < px.length; i += 4) {
          const [r, g, b, a] = [px[i], px[i + 1], px[i + 2], px[i + 3]];
          if (a === 0) continue;
          const greenOrRed = (g - r > 60 && g > b) || (r - g > 60 && r > b);
          if (greenOrRed) out.colouredPx++;
          if (greenOrRed && a >= 200) {
            out.seriesPx++;
            const row = Math.floor(i / 4 / w);
            top = Math.min(top, row);
            bottom = Math.max(bottom, row);
          }
          // The 95% bounds are dotted 1-px lines at 35% opacity: their anti-aliased pixels hold alpha well under 60.
          if (a >= 20 && b > g && b - r > 100) {
            out.skyPx++;
            const row = Math.floor(i / 4 / w);
            skyTop = Math.min(skyTop, row);
            skyBottom = Math.max(skyBottom, row);
          }
        }
      }
      if (bottom >= 0) {
        out.seriesTop = top / h;
        out.seriesBottom = (bottom + 1) / h;
      }
      if (skyBottom >= 0) {
        out.skyTop = skyTop / h;
        out.skyBottom = (skyBottom + 1) / h;
      }
      return out;
    });
  });
}

/**
 * Everything wrong with the price chart's picture, in words ("" when it is right): two panes, the price
 * spanning most of the upper one, the volume bars in the lower, smaller one, the forecast drawn when expected.
 */
export function priceChartProblems(panes: PaneInk[], { forecast }: { forecast: boolean }): string {
  const problems: string[] = [];
  if (panes.length !== 2) return `expected 2 panes (price above volume), found ${panes.length}`;
  const [price, volume] = panes;
  if (volume.height * 2 >= price.height) problems.push(`volume pane ${volume.height}px is not a band under the ${price.height}px price pane`);
  const span = price.seriesBottom - price.seriesTop;
  // The price scale fits what is drawn between its margins (8% top, 4% bottom): the price alone spans ~88%,
  // or, with the forecast, price and forecast together do (a wide 1-week band leaves the 1W candles less).
  const top = forecast ? Math.min(price.seriesTop, price.skyTop) : price.seriesTop;
  const bottom = forecast ? Math.max(price.seriesBottom, price.skyBottom) : price.seriesBottom;
  const where = `rows ${price.seriesTop.toFixed(2)}-${price.seriesBottom.toFixed(2)}, ${price.seriesPx} px`;
  if (price.seriesPx < 100 || span < (forecast ? 0.15 : 0.6)) problems.push(`price series spans ${(Math.max(0, span) * 100).toFixed(0)}% of its pane (${where})`);
  else if (bottom - top < 0.6) problems.push(`price and forecast span ${((bottom - top) * 100).toFixed(0)}% of the pane (${where}; forecast ${price.skyTop.toFixed(2)}-${price.skyBottom.toFixed(2)})`);
  if (volume.colouredPx < 50) problems.push(`volume pane holds ${volume.colouredPx} coloured px`);
  if (forecast && price.skyPx < 20) problems.push(`forecast overlay: ${price.skyPx} sky-blue px in the price pane`);
  if (!forecast && price.skyPx > 0) problems.push(`no forecast expected, but ${price.skyPx} sky-blue px`);
  return problems.join("; ");
}

export interface SvgInk {
  width: number;
  height: number;
  /** Sky-blue pixels (forecast bands and points) and the rows they span, as a share of the height. */
  skyPx: number;
  skySpan: number;
  /** Rows of the left 60% (the price history) holding ink other than the background, above the axis labels. */
  historySpan: number;
}

/** The same reading for an SVG chart: screenshot the element and decode the PNG in the page. */
export async function svgInk(chart: Locator): Promise<SvgInk> {
  const png = (await chart.screenshot()).toString("base64");
  return chart.evaluate(async (_el, b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext("2d")!;
    ctx.drawImage(img, 0, 0);
    const { width: w, height: h } = c;
    const px = ctx.getImageData(0, 0, w, h).data;
    const bg = [px[0], px[1], px[2]];
    let skyPx = 0;
    let skyTop = Infinity;
    let skyBottom = -1;
    let histTop = Infinity;
    let histBottom = -1;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = (y * w + x) * 4;
        const [r, g, b] = [px[i], px[i + 1], px[i + 2]];
        if (b > g && b - r > 40 && Math.abs(b - bg[2]) + Math.abs(r - bg[0]) > 40) {
          skyPx++;
          skyTop = Math.min(skyTop, y);
          skyBottom = Math.max(skyBottom, y);
        }
        const ink = Math.abs(r - bg[0]) + Math.abs(g - bg[1]) + Math.abs(b - bg[2]) > 60;
        if (ink && x < w * 0.6 && y < h * 0.85) {
          histTop = Math.min(histTop, y);
          histBottom = Math.max(histBottom, y);
        }
      }
    }
    return {
      width: w,
      height: h,
      skyPx,
      skySpan: skyBottom >= 0 ? (skyBottom - skyTop + 1) / h : 0,
      historySpan: histBottom >= 0 ? (histBottom - histTop + 1) / h : 0,
    };
  }, png);
}
