// Lists the route handlers under src/app/api and the HTTP methods each exports. Run by next.config.mjs at
// build time (the request proxy answers wrong methods with a JSON 405 and an Allow header from it) and by
// the tests that walk every route. Plain .mjs: next.config.mjs loads it before anything is compiled.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

export const HTTP_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"];
const M = HTTP_METHODS.join("|");

/** The methods a route module's source exports, in any of the forms the app uses. */
export function exportedMethods(source) {
  const found = new Set();
  for (const m of source.matchAll(new RegExp(`export\\s+(?:const|let|var|(?:async\\s+)?function)\\s+(${M})\\b`, "g"))) found.add(m[1]);
  for (const m of source.matchAll(/export\s*(?:const|let)?\s*\{([^}]*)\}/g)) {
    for (const part of m[1].split(",")) {
      const name = part.trim().split(/\s+as\s+/).pop()?.split(":")[0]?.trim();
      if (name && HTTP_METHODS.includes(name)) found.add(name);
    }
  }
  return HTTP_METHODS.filter((x) => found.has(x));
}

/** Next answers HEAD from GET and OPTIONS on its own when a module does not export them. */
export function allowedMethods(exported) {
  const s = new Set([...exported, "OPTIONS"]);
  if (s.has("GET")) s.add("HEAD");
  return HTTP_METHODS.filter((x) => s.has(x));
}

/** [{ pattern: "/api/stock/[symbol]", file, exported, allowed }] for every route.ts under appDir/api. */
export function scanApiRoutes(appDir) {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/^route\.(ts|tsx|js|mjs)$/.test(e.name)) {
        const segments = relative(appDir, dir).split(sep).filter((s) => !/^\(.*\)$/.test(s));
        const exported = exportedMethods(readFileSync(p, "utf8"));
        out.push({ pattern: `/${segments.join("/")}`, file: relative(process.cwd(), p), exported, allowed: allowedMethods(exported) });
      }
    }
  };
  walk(join(appDir, "api"));
  return out.sort((a, b) => a.pattern.localeCompare(b.pattern));
}
