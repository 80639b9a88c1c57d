// The production server for the embedded shape (`npm start`): Next's request handler behind a plain
// Node HTTP server, so the client address can be taken from the socket. Route handlers cannot see the
// socket, and `next start` keeps whatever X-Forwarded-For a client sends, which would let any client pick
// its own rate-limit bucket. Unless TRUSTED_PROXY says a proxy in front overwrites that header, it is
// replaced here with the address the request really came from.
import http from "node:http";
import { createRouteMatcher } from "../src/lib/api-routes/match.mjs";
import { checkRequestTarget, SERVER_METHODS } from "../src/lib/api-routes/request-target.mjs";
import { HTTP_METHODS, scanApiRoutes } from "../src/lib/api-routes/scan.mjs";
import { ensureWorkerBundle } from "./build-worker.mjs";

// As with `next start`: the production build is served in production mode.
process.env.NODE_ENV = "production";
const { default: next } = await import("next");

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";
const trustedProxy = ["1", "true", "yes"].includes((process.env.TRUSTED_PROXY ?? "").toLowerCase());

// A start that fails exits non-zero, so a supervisor (systemd, Docker, npm start) sees the failure. A bad setting
// is caught earlier still, by the instrumentation hook (src/instrumentation.ts), awaited below before anything
// listens: it prints one message naming the variable and exits 1.
function failStart(message) {
  process.stderr.write(`Stock Hub cannot start. ${message}\n`);
  process.exit(1);
}

// The training threads' JavaScript bundle, made here when the build has none (a bare `next build`).
await ensureWorkerBundle();
const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare().catch((err) => failStart(err instanceof Error ? err.message : String(err)));
// app.prepare() starts the instrumentation hook but a custom server's prepare does not wait for it: wait here
// (the same once-only registration Next itself awaits; loaded after prepare, which sets up what it needs), so
// the configuration check runs, and a bad setting exits, before the server listens or says it is ready.
const { createRequire } = await import("node:module");
const { ensureInstrumentationRegistered } = createRequire(import.meta.url)("next/dist/server/lib/router-utils/instrumentation-globals.external.js");
await ensureInstrumentationRegistered(process.cwd(), ".next").catch((err) => failStart(err instanceof Error ? err.message : String(err)));

// Methods Next does not dispatch (TRACE, CONNECT, WebDAV verbs, ...) fail inside Next with a logged stack
// trace and a plain-text 500; they are answered here with a JSON 405 and the path's real Allow list.
const routeFor = createRouteMatcher(scanApiRoutes("src/app"));
// X-Response-Time, as on every API response: this server's own time for the answer.
const since = (started) => `${(performance.now() - started).toFixed(1)}ms`;
function answerJson(res, started, status, code, message, headers = {}) {
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    "X-Response-Time": since(started),
    ...headers,
  });
  res.end(body);
}
function refuseMethod(req, res, started) {
  const path = (req.url ?? "/").split("?")[0];
  const allow = routeFor(path)?.allowed.join(", ") ?? "GET, HEAD, OPTIONS";
  answerJson(res, started, 405, "method_not_allowed", `This method is not allowed here; use ${allow}`, { Allow: allow });
}

// The address a request without Host (HTTP/1.0) is taken to be for.
const ownHost = `${hostname === "0.0.0.0" || hostname === "::" ? "localhost" : hostname}:${port}`;
// requireHostHeader off: Node's own refusal of a missing Host is an empty 400; checkRequestTarget answers it
// with the JSON body, along with `OPTIONS *` and absolute-form targets (src/lib/api-routes/request-target.mjs).
const server = http.createServer({ requireHostHeader: false }, (req, res) => {
  const started = performance.now();
  const target = checkRequestTarget({ method: req.method ?? "", url: req.url ?? "", host: req.headers.host, httpVersion: req.httpVersion, ownHost });
  if ("options" in target) {
    res.writeHead(204, { Allow: SERVER_METHODS, "Cache-Control": "no-store", "X-Response-Time": since(started) });
    return res.end();
  }
  if (!("pass" in target)) return answerJson(res, started, target.status, target.code, target.message);
  req.url = target.pass;
  if (target.host) req.headers.host = target.host;
  if (!HTTP_METHODS.includes(req.method ?? "")) return refuseMethod(req, res, started);
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

// SIGTERM/SIGINT: stop accepting, let the app send its streams `event: shutdown` (src/server/streams/sse.ts
// listens for the same signals) and finish what is in flight, then exit 0. Without a listener here Node would
// exit at once and the farewell events would never leave the process.
const SHUTDOWN_GRACE_MS = 10_000;
// `on`, not `once`: the stream module re-raises the signal when nobody else listens for it.
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close(() => process.exit(0));
    // Connections that finish their response after close() would otherwise stay open as idle keep-alives.
    setInterval(() => server.closeIdleConnections(), 100).unref();
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(0);
    }, SHUTDOWN_GRACE_MS).unref();
  });
}

server.on("error", (err) =>
  failStart(err.code === "EADDRINUSE" ? `Port ${port} on ${hostname} is already in use (PORT)` : `Could not listen on ${hostname}:${port}: ${err.message}`),
);
server.listen(port, hostname, () => {
  process.stdout.write(`Stock Hub ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}\n`);
});
