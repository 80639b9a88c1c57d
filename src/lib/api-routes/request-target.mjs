// What scripts/serve.mjs does with a request's target and Host before Next sees them (RFC 9112 §3.2). Next
// expects an origin-form target ("/path?query") and a Host: `OPTIONS *` made it fail with a plain-text 500,
// a request without Host got Node's empty 400, and an absolute-form target ("GET http://other.example/x")
// was taken for that other host, so a redirect could send the client there. Pure .mjs so the server script
// and the unit tests share it (types in request-target.d.mts).

/** The methods the server as a whole answers: what `OPTIONS *` reports. */
export const SERVER_METHODS = "GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH";

const refuse = (message) => ({ status: 400, code: "bad_request", message });

/** "host:port" lower-cased, with the scheme's default port dropped, for comparing two authorities. */
function authority(hostPort, protocol) {
  const lower = hostPort.toLowerCase();
  const defaultPort = protocol === "https:" ? ":443" : ":80";
  return lower.endsWith(defaultPort) ? lower.slice(0, -defaultPort.length) : lower;
}

/**
 * Decides what to do with a request line and Host:
 * - `{ pass: url, host? }`: hand the request to Next with this origin-form url (and this Host, when it had none);
 * - `{ options: true }`: `OPTIONS *`, a question about the server itself: 204 with Allow;
 * - `{ status, code, message }`: answer with the JSON error body.
 * @param {{ method: string; url: string; host: string | undefined; httpVersion: string; ownHost: string }} req
 */
export function checkRequestTarget({ method, url, host, httpVersion, ownHost }) {
  if (url === "*") return method === "OPTIONS" ? { options: true } : refuse(`The target * is only valid with OPTIONS`);
  if (!host) {
    // HTTP/1.1 requires Host (RFC 9112 §3.2: a 400); HTTP/1.0 predates it, and simple health checkers still
    // send a bare "GET /api/health HTTP/1.0": that is served as a request to this server's own address.
    return httpVersion === "1.0" && url.startsWith("/") ? { pass: url, host: ownHost } : refuse("The request has no Host header");
  }
  if (url.startsWith("/")) return { pass: url };
  let target;
  try {
    target = new URL(url);
  } catch {
    return refuse("The request target is neither a path nor an absolute URL");
  }
  if (target.protocol !== "http:" && target.protocol !== "https:") return refuse("The request target is neither a path nor an absolute URL");
  // Absolute-form names the host the client means. This server answers only for the host it was reached
  // as; anything else would be serving (or redirecting to) someone else's name.
  if (authority(target.host, target.protocol) !== authority(host, target.protocol)) {
    return refuse(`The request is addressed to ${target.host}, not to this server (${host})`);
  }
  return { pass: `${target.pathname}${target.search}` };
}
