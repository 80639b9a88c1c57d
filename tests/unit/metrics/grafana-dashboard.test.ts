// The Grafana dashboard in docs/ queries only series the app's /metrics registry really exposes, so an
// operator who imports it gets data in every panel.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { metrics } from "@/lib/metrics";

const PROMQL_WORDS = new Set(["sum", "by", "rate", "increase", "histogram_quantile", "le", "route", "status", "result", "provider", "outcome", "function", "instance"]);

describe("docs/grafana-dashboard.json", () => {
  it("is an importable dashboard whose every query names a series in the registry", async () => {
    const dash = JSON.parse(readFileSync("docs/grafana-dashboard.json", "utf8"));
    expect(dash.__inputs[0]).toMatchObject({ type: "datasource", pluginId: "prometheus" });
    const exprs: string[] = dash.panels.flatMap((p: { targets: { expr: string }[] }) => p.targets.map((t) => t.expr));
    expect(exprs.length).toBeGreaterThan(10);
    const exposed = new Set<string>();
    for (const m of await metrics.registry.getMetricsAsJSON()) {
      exposed.add(m.name);
      if (String(m.type) === "histogram") for (const s of ["_bucket", "_sum", "_count"]) exposed.add(`${m.name}${s}`);
    }
    const used = new Set(
      exprs.flatMap((e) =>
        [...e.replace(/\{[^}]*\}/g, "").replace(/\[[^\]]*\]/g, "").matchAll(/[a-z_][a-z0-9_]*/g)].map((m) => m[0]).filter((w) => !PROMQL_WORDS.has(w)),
      ),
    );
    expect([...used].filter((name) => !exposed.has(name))).toEqual([]);
    expect(used.has("http_request_duration_seconds_bucket")).toBe(true);
  });
});
