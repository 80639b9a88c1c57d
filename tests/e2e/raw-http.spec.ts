// Request lines and bodies no browser sends, written byte for byte over TCP (node:net) to a production
// server of its own (its log is read too): `OPTIONS *`, no Host, an encoded slash after /api, absolute-form
// targets, and next-auth's endpoints fed bodies and parameters it cannot use. Each gets a clean answer with
// the JSON error body, never a 500, an empty body or a redirect to another host, and each refusal is logged.
import { connect } from "node:net";
import { expect, test } from "@playwright/test";
import { spawnServer, type SpawnedServer } from "./support/spawn-server";

const PORT = Number(process.env.E2E_PORT ?? 3100) + 52;
const HOST = `127.0.0.1:${PORT}`;

let server: SpawnedServer;
test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = spawnServer({}, { port: PORT });
  await server.ready;
  // A fresh data folder: the embedded database starts and migrates after the ready line, holding the event
  // loop for a while (its status is 503 until it is open).
  await expect.poll(async () => (await fetch(`${server.url}/api/status`)).status, { timeout: 90_000, intervals: [1000] }).toBe(200);
});
test.afterAll(async () => {
  server?.proc.kill("SIGTERM");
  await server?.exited;
});

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends `request` as written and reads one response (the request asks the server to close). */
function exchange(request: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(PORT, "127.0.0.1");
    let raw = "";
    socket.setEncoding("latin1");
    socket.setTimeout(30_000, () => socket.destroy(new Error(`no answer to ${JSON.stringify(request.slice(0, 60))}`)));
    socket.on("data", (c: string) => (raw += c));
    socket.on("error", reject);
    socket.on("close", () => {
      const end = raw.indexOf("\r\n\r\n");
      if (end === -1) return reject(new Error(`no complete response: ${JSON.stringify(raw.slice(0, 200))}`));
      const [statusLine, ...lines] = raw.slice(0, end).split("\r\n");
      const headers: Record<string, string> = {};
      for (const l of lines) headers[l.slice(0, l.indexOf(":")).toLowerCase()] = l.slice(l.indexOf(":") + 1).trim();
      let body = raw.slice(end + 4);
      if (headers["transfer-encoding"] === "chunked") body = unchunk(body);
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: Buffer.from(body, "latin1").toString("utf8") });
    });
    socket.write(request, "latin1");
  });
}

function unchunk(body: string): string {
  let out = "";
  for (let at = 0; ; ) {
    const nl = body.indexOf("\r\n", at);
    const size = parseInt(body.slice(at, nl), 16);
    if (!size) return out;
    out += body.slice(nl + 2, nl + 2 + size);
    at = nl + 2 + size + 2;
  }
}

const request = (line: string, headers: string[] = [`Host: ${HOST}`], body = "") =>
  exchange(`${line}\r\n${[...headers, "Connection: close", ...(body ? [`Content-Length: ${Buffer.byteLength(body)}`] : [])].join("\r\n")}\r\n\r\n${body}`);

function expectJsonError(r: RawResponse, status: number, code: string) {
  expect(r.status, r.body).toBe(status);
  expect(r.headers["content-type"]).toContain("application/json");
  const body = JSON.parse(r.body) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
  expect(r.body).not.toMatch(/localhost:3000|\/work\/|node_modules|at [A-Za-z]+ \(/);
  return body.error.message;
}

test("OPTIONS * asks about the server itself: 204 with the methods it answers", async () => {
  const r = await request("OPTIONS * HTTP/1.1");
  expect(r.status).toBe(204);
  expect(r.headers.allow).toBe("GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH");
  expect(r.body).toBe("");
  expectJsonError(await request("GET * HTTP/1.1"), 400, "bad_request");
});

test("an HTTP/1.1 request without Host: 400 with the JSON body; HTTP/1.0 without one is served", async () => {
  expect(expectJsonError(await request("GET /api/ping HTTP/1.1", []), 400, "bad_request")).toBe("The request has no Host header");
  expectJsonError(await request("GET /api/auth/signin HTTP/1.1", []), 400, "bad_request");
  const old = await request("GET /api/ping HTTP/1.0", []);
  expect(old.status).toBe(200);
  expect(JSON.parse(old.body)).toMatchObject({ ok: true });
  // With a Host the same request is served.
  expect((await request("GET /api/ping HTTP/1.1")).status).toBe(200);
});

test("an encoded slash after /api: the API's JSON 404, not the HTML page", async () => {
  for (const path of ["/api%2Fping", "/api%2fstock%2FAAPL", "/api%5Cping"]) {
    expectJsonError(await request(`GET ${path} HTTP/1.1`), 404, "not_found");
  }
});

test("absolute-form: another host is refused and never redirected to; this server's own is served", async () => {
  for (const target of ["http://evil.example/api/ping", "http://evil.example/", "http://evil.example/login", "https://evil.example/api/auth/signin"]) {
    const r = await request(`GET ${target} HTTP/1.1`);
    expect(expectJsonError(r, 400, "bad_request")).toContain("evil.example");
    expect(r.headers.location).toBeUndefined();
  }
  const own = await request(`GET http://${HOST}/api/ping HTTP/1.1`);
  expect(own.status).toBe(200);
  expect(JSON.parse(own.body)).toMatchObject({ ok: true });
  const signin = await request(`GET http://${HOST}/api/auth/signin HTTP/1.1`);
  expect(signin.status).toBe(302);
  expect(new URL(signin.headers.location, `http://${HOST}`).host).toBe(HOST);
});

test("next-auth endpoints: bodies and parameters they cannot use get 400 (413 when too large), logged, never 500", async () => {
  // Every answer of next-auth's endpoints below, checked against the statuses the API document lists.
  const seen: { method: "get" | "post"; status: number; what: string }[] = [];
  const auth = async (method: "GET" | "POST", path: string, headers: string[] = [], body = "") => {
    const r = await request(`${method} ${path} HTTP/1.1`, [`Host: ${HOST}`, ...headers], body);
    seen.push({ method: method === "GET" ? "get" : "post", status: r.status, what: `${method} ${path}` });
    return r;
  };
  const post = (path: string, type: string | null, body: string) => auth("POST", path, type ? [`Content-Type: ${type}`] : [], body);
  for (const path of ["/api/auth/callback/credentials", "/api/auth/signin", "/api/auth/signout", "/api/auth/signin/credentials"]) {
    expect(expectJsonError(await post(path, "application/json", "{not json"), 400, "bad_request"), path).toBe("Body is not valid JSON");
    expectJsonError(await post(path, "application/json", "[1,2]"), 400, "bad_request");
    expectJsonError(await post(path, "application/json", '{"callbackUrl":{"a":1}}'), 400, "bad_request");
    expectJsonError(await post(path, "application/json", "null"), 400, "bad_request");
    expectJsonError(await post(path, "text/plain", "login=ada&password=x"), 400, "bad_request");
    expectJsonError(await post(path, "multipart/form-data; boundary=x", "--x--"), 400, "bad_request");
    expectJsonError(await post(path, null, "garbage"), 400, "bad_request");
    expectJsonError(await post(path, "application/x-www-form-urlencoded", "login=%FF&password=%"), 400, "bad_request");
    expectJsonError(await post(path, "application/x-www-form-urlencoded", "callbackUrl=%EF%BF%BD&csrfToken=x"), 400, "bad_request");
    expectJsonError(await post(path, "application/x-www-form-urlencoded", "login=a%00b"), 400, "bad_request");
    expectJsonError(await post(path, "application/x-www-form-urlencoded", `x=${"a".repeat(20_000)}`), 413, "payload_too_large");
    // A well-formed form without its CSRF token is still next-auth's own refusal.
    expectJsonError(await post(path, "application/x-www-form-urlencoded", "login=ada&password=x"), 403, "forbidden");
  }
  for (const query of ["error=%FF", "error=%C3%A9", "error=%0D%0ALocation:%20http://evil.example", "callbackUrl=%FF", "callbackUrl=/x%00", "error=Configuration&x=%00"]) {
    expectJsonError(await auth("GET", `/api/auth/error?${query}`), 400, "bad_request");
    expectJsonError(await auth("GET", `/api/auth/signin?${query}`), 400, "bad_request");
  }
  // A parameter next-auth does not read is ignored, however it is encoded (Next hands %FF over as U+FFFD).
  expect((await auth("GET", "/api/auth/error?error=Configuration&x=%FF")).status).toBe(302);
  // The codes the login page shows still work, and so do the endpoints the browser uses.
  const known = await auth("GET", "/api/auth/error?error=Configuration");
  expect(known.status).toBe(302);
  expect(known.headers.location).toMatch(/\/login\?error=Configuration$/);
  for (const path of ["/api/auth/csrf", "/api/auth/providers", "/api/auth/session"]) expect((await auth("GET", path)).status, path).toBe(200);
  expectJsonError(await auth("GET", "/api/auth/no-such-action"), 404, "not_found");
  expectJsonError(await auth("GET", "/api/auth/verify-request"), 404, "not_found");
  expectJsonError(await auth("GET", "/api/auth/signout"), 405, "method_not_allowed");

  const doc = JSON.parse((await request("GET /api/openapi.json HTTP/1.1")).body) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
  const ops = doc.paths["/api/auth/{nextauth}"];
  expect(seen.filter((s) => !ops[s.method].responses[String(s.status)]).map((s) => `${s.what} answered ${s.status}`)).toEqual([]);
  // Every refusal is in the log with its reason; nothing failed unexpectedly.
  const log = server.output().stderr;
  expect(log).toContain('"msg":"sign-in request refused"');
  expect(log).toContain('"reason":"Body is not valid JSON"');
  expect(log).toContain('"reason":"error: must be a sign-in error code (letters only)"');
  expect(log).not.toContain("sign-in endpoint failed");
});
