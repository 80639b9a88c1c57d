// The production server for the embedded shape (`npm start`): Next's request handler behind a plain
// Node HTTP server, so the client address can be taken from the socket. Route handlers cannot see the
// socket, and `next start` keeps whatever X-Forwarded-For a client sends, which would let any client pick
// its own rate-limit bucket. Unless TRUSTED_PROXY says a proxy in front overwrites that header, it is
// replaced here with the address the request really came from.
import http from "node:http";
import { createRouteMatcher } from "../src/lib/api-routes/match.mjs";
import { HTTP_METHODS, scanApiRoutes } from "../src/lib/api-routes/scan.mjs";

// As with `next start`: the production build is served in production mode.
process.env.NODE_ENV = "production";
const { default: next } = await import("next");

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";
const trustedProxy = ["1", "true", "yes"].includes((process.env.TRUSTED_PROXY ?? "").toLowerCase());

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

// Methods Next does not dispatch (TRACE, CONNECT, WebDAV verbs, ...) fail inside Next with a logged stack
// trace and a plain-text 500; they are answered here with a JSON 405 and the path's real Allow list.
const routeFor = createRouteMatcher(scanApiRoutes("src/app"));
// X-Response-Time, as on every API response: this server's own time for the answer.
const since = (started) => `${(performance.now() - started).toFixed(1)}ms`;
function refuseMethod(req, res) {
  const started = performance.now();
  const path = (req.url ?? "/").split("?")[0];
  const allow = routeFor(path)?.allowed.join(", ") ?? "GET, HEAD, OPTIONS";
  const body = JSON.stringify({ error: { code: "method_not_allowed", message: `This method is not allowed here; use ${allow}` } });
  res.writeHead(405, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    Allow: allow,
    "Cache-Control": "no-store",
    "X-Response-Time": since(started),
  });
  res.end(body);
}

const server = http.createServer((req, res) => {
  if (!HTTP_METHODS.includes(req.method ?? "")) return refuseMethod(req, res);
  if (!trustedProxy) req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
  handle(req, res);
});

// Requests Node's parser refuses before Next sees them (a URL or headers over 16 KB, malformed syntax) get
// the API's JSON error body instead of Node's bare status line.
server.on("clientError", (err, socket) => {
  const started = performance.now();
  if (!socket.writable || err.code === "ECONNRESET") {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === "HPE_HEADER_OVERFLOW";
  const [status, reason, code, message] = tooLarge
    ? [431, "Request Header Fields Too Large", "headers_too_large", "The URL or headers are larger than 16 KB"]
    : [400, "Bad Request", "bad_request", "The request is not valid HTTP"];
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Cache-Control: no-store\r\nX-Response-Time: ${since(started)}\r\nConnection: close\r\n\r\n${body}`,
  );
});

server
  .listen(port, hostname, () => {
    process.stdout.write(`Stock Hub ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}\n`);
  });
