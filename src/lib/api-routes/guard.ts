// What the request proxy refuses under /api before any route runs, each as the standard JSON error body:
// paths that are not valid percent-encoding (Next would fail decoding them with a plain-text 500), methods
// Next does not dispatch (TRACE, CONNECT, ...), methods the matched route does not export (Next's own 405
// has an empty body and no Allow), and /api itself or mis-cased /API paths that no route can match.
import { HTTP_METHODS } from "./scan.mjs";
import { createRouteMatcher, type ApiRoute } from "./match.mjs";

export interface Refusal {
  status: 400 | 404 | 405;
  code: "bad_request" | "not_found" | "method_not_allowed";
  message: string;
  allow?: string;
  /** The metric label: the matched route pattern, or the path class. */
  route: string;
}

const CATCH_ALL = "/api/[...path]";

// "/api%2Fping": a percent-encoded slash (or backslash) is not a path separator, so no route matches it, but
// it is still an API address and gets the API's JSON 404 rather than the HTML not-found page.
const API_PATH = /^\/api(\/|%2f|%5c|$)/i;

export function isApiPath(pathname: string): boolean {
  return API_PATH.test(pathname);
}

/** False when a segment of the (still percent-encoded) path is not valid percent-encoded UTF-8. */
export function pathDecodes(pathname: string): boolean {
  try {
    for (const part of pathname.split("/")) decodeURIComponent(part);
    return true;
  } catch {
    return false;
  }
}

export function createApiGuard(routes: ApiRoute[]) {
  const match = createRouteMatcher(routes);
  /** Null when the request may go on to its route; else why it is refused. */
  return ({ method, pathname }: { method: string; pathname: string }): Refusal | null => {
    if (!pathDecodes(pathname)) {
      return { status: 400, code: "bad_request", message: "The path is not valid percent-encoded UTF-8", route: "(bad path)" };
    }
    if (/^\/api(%2f|%5c)/i.test(pathname)) {
      return { status: 404, code: "not_found", message: "No API route at this path (its slashes must not be percent-encoded)", route: "(unknown)" };
    }
    if (pathname !== "/api" && !pathname.startsWith("/api/")) {
      return { status: 404, code: "not_found", message: "No API route at this path (API paths are lower-case)", route: "(unknown)" };
    }
    const route = match(pathname);
    if (!route) return { status: 404, code: "not_found", message: "No API route at this path", route: "(unknown)" };
    const known = HTTP_METHODS.includes(method);
    if (route.pattern === CATCH_ALL && known) return null;
    if (!known || !route.allowed.includes(method)) {
      return {
        status: 405,
        code: "method_not_allowed",
        message: `${method.slice(0, 16)} is not allowed here; use ${route.allowed.join(", ")}`,
        allow: route.allowed.join(", "),
        route: route.pattern,
      };
    }
    return null;
  };
}
