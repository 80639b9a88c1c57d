// The production server for the embedded shape (`npm start`): Next's request handler behind a plain
// Node HTTP server, so the client address can be taken from the socket. Route handlers cannot see the
// socket, and `next start` keeps whatever X-Forwarded-For a client sends, which would let any client pick
// its own rate-limit bucket. Unless TRUSTED_PROXY says a proxy in front overwrites that header, it is
// replaced here with the address the request really came from.
import http from "node:http";

// As with `next start`: the production build is served in production mode.
process.env.NODE_ENV = "production";
const { default: next } = await import("next");

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";
const trustedProxy = ["1", "true", "yes"].includes((process.env.TRUSTED_PROXY ?? "").toLowerCase());

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

http
  .createServer((req, res) => {
    if (!trustedProxy) req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
    handle(req, res);
  })
  .listen(port, hostname, () => {
    process.stdout.write(`Stock Hub ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}\n`);
  });
