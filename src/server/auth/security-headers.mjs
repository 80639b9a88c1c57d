// Security headers for every response, applied from next.config.mjs (plain JS so the config can import it).
// Next's own inline bootstrap scripts carry no nonce on statically rendered pages, hence 'unsafe-inline'
// for scripts; everything else is same-origin only. Charts draw on <canvas>, which CSP does not restrict.

/** @param {{ dev: boolean }} opts */
export function contentSecurityPolicy({ dev }) {
  const directives = {
    "default-src": ["'self'"],
    // React's dev build evaluates code for stack traces; production does not need eval.
    "script-src": ["'self'", "'unsafe-inline'", ...(dev ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    // News thumbnails come from the publishers' hosts.
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...(dev ? ["ws:", "wss:"] : [])],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v.join(" ")}`)
    .join("; ");
}

/** @param {{ dev: boolean }} opts @returns {{ key: string, value: string }[]} */
export function securityHeaders({ dev }) {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy({ dev }) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    // Browsers ignore HSTS on plain http, so the embedded http server is unaffected.
    ...(dev ? [] : [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]),
  ];
}
