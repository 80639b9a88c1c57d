// Finds which route handler Next would pick for a path, with Next's precedence: a static segment beats a
// dynamic one, which beats a catch-all. Pure .mjs, so the request proxy, scripts/serve.mjs and the tests
// share it (types in match.d.mts).

function parse(pattern) {
  return pattern
    .split("/")
    .filter(Boolean)
    .map((s) => {
      if (/^\[\[\.\.\..+\]\]$/.test(s)) return { kind: "catchAll", optional: true };
      if (/^\[\.\.\..+\]$/.test(s)) return { kind: "catchAll", optional: false };
      if (/^\[.+\]$/.test(s)) return { kind: "dynamic" };
      return { kind: "static", name: s };
    });
}

const RANK = { static: 0, dynamic: 1, catchAll: 2 };

/** Lower is more specific, compared segment by segment as Next orders its routes. */
function specificity(segs) {
  return segs.map((s) => RANK[s.kind]);
}

function matches(segs, parts) {
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    if (s.kind === "catchAll") return parts.length - i >= (s.optional ? 0 : 1);
    if (i >= parts.length) return false;
    if (s.kind === "static" && s.name !== parts[i]) return false;
  }
  return parts.length === segs.length;
}

/** @param {{ pattern: string; allowed: string[] }[]} routes */
export function createRouteMatcher(routes) {
  const parsed = routes
    .map((r) => ({ route: r, segs: parse(r.pattern) }))
    .sort((a, b) => {
      const x = specificity(a.segs);
      const y = specificity(b.segs);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
      return y.length - x.length;
    });
  /** The route for a raw (still percent-encoded) pathname, or null when none matches. */
  return (pathname) => {
    const parts = pathname.split("/").filter(Boolean);
    return parsed.find((p) => matches(p.segs, parts))?.route ?? null;
  };
}
