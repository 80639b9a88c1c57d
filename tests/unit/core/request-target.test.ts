// What the HTTP entry (scripts/serve.mjs) makes of a request line and Host before Next sees them.
import { describe, expect, it } from "vitest";
import { checkRequestTarget as check, SERVER_METHODS } from "@/lib/api-routes/request-target.mjs";

const checkRequestTarget = (req: { method: string; url: string; host: string | undefined; httpVersion?: string }) =>
  check({ httpVersion: "1.1", ownHost: "localhost:3000", ...req });

describe("request targets", () => {
  it("passes an origin-form target with a Host unchanged", () => {
    expect(checkRequestTarget({ method: "GET", url: "/api/ping?x=1", host: "127.0.0.1:3000" })).toEqual({ pass: "/api/ping?x=1" });
  });

  it("answers OPTIONS * about the server itself and refuses * with any other method", () => {
    expect(checkRequestTarget({ method: "OPTIONS", url: "*", host: "127.0.0.1:3000" })).toEqual({ options: true });
    expect(checkRequestTarget({ method: "OPTIONS", url: "*", host: undefined })).toEqual({ options: true });
    expect(checkRequestTarget({ method: "GET", url: "*", host: "127.0.0.1:3000" })).toMatchObject({ status: 400, code: "bad_request" });
    expect(SERVER_METHODS.split(", ")).toContain("OPTIONS");
  });

  it("refuses an HTTP/1.1 request without Host with 400; serves HTTP/1.0 without one as a request to its own address", () => {
    expect(checkRequestTarget({ method: "GET", url: "/api/ping", host: undefined })).toEqual({ status: 400, code: "bad_request", message: "The request has no Host header" });
    expect(checkRequestTarget({ method: "GET", url: "/api/ping", host: "" })).toMatchObject({ status: 400 });
    expect(checkRequestTarget({ method: "GET", url: "/api/health", host: undefined, httpVersion: "1.0" })).toEqual({ pass: "/api/health", host: "localhost:3000" });
    expect(checkRequestTarget({ method: "GET", url: "http://evil.example/", host: undefined, httpVersion: "1.0" })).toMatchObject({ status: 400 });
  });

  it("serves an absolute-form target as origin-form only when it names the host the client reached", () => {
    expect(checkRequestTarget({ method: "GET", url: "http://127.0.0.1:3000/api/ping?a=b", host: "127.0.0.1:3000" })).toEqual({ pass: "/api/ping?a=b" });
    expect(checkRequestTarget({ method: "GET", url: "http://HUB.example/x", host: "hub.example:80" })).toEqual({ pass: "/x" });
    const foreign = checkRequestTarget({ method: "GET", url: "http://evil.example/api/ping", host: "127.0.0.1:3000" });
    expect(foreign).toEqual({ status: 400, code: "bad_request", message: "The request is addressed to evil.example, not to this server (127.0.0.1:3000)" });
    expect(checkRequestTarget({ method: "GET", url: "http://127.0.0.1:3001/", host: "127.0.0.1:3000" })).toMatchObject({ status: 400 });
    expect(checkRequestTarget({ method: "GET", url: "ftp://127.0.0.1:3000/", host: "127.0.0.1:3000" })).toMatchObject({ status: 400 });
    expect(checkRequestTarget({ method: "GET", url: "api/ping", host: "127.0.0.1:3000" })).toMatchObject({ status: 400 });
  });
});
