// What next-auth's endpoints accept before next-auth runs: bodies and parameters it would fail on are 400/413,
// and a good body reaches it as the urlencoded form it parses.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { checkedNextAuthRequest, unsendableHeader } from "@/server/auth/next-auth-input";

const URL_ = "http://127.0.0.1:3000/api/auth/callback/credentials";
// Bytes, not a string: fetch would give a string body a text/plain type of its own.
const post = (body: string, type?: string, url = URL_) => new NextRequest(url, { method: "POST", body: new TextEncoder().encode(body), headers: type ? { "content-type": type } : {} });
const refusal = (req: NextRequest) => checkedNextAuthRequest(req).then(() => null, (e: { status: number; message: string }) => ({ status: e.status, message: e.message }));

describe("next-auth input", () => {
  it("passes a form through, and re-sends a JSON object of strings as that form", async () => {
    const form = await checkedNextAuthRequest(post("login=ada&password=p%2Bq+r&csrfToken=abc", "application/x-www-form-urlencoded"));
    expect(Object.fromEntries(new URLSearchParams(await form.text()))).toEqual({ login: "ada", password: "p+q r", csrfToken: "abc" });
    const json = await checkedNextAuthRequest(post(JSON.stringify({ login: "ada", password: "pässwört", json: "true" }), "application/json; charset=utf-8"));
    expect(json.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(await json.text()))).toEqual({ login: "ada", password: "pässwört", json: "true" });
    for (const type of [undefined, "text/plain"]) expect(await (await checkedNextAuthRequest(post("", type))).text()).toBe("");
  });

  it("refuses what next-auth would fail on with 400, and a large body with 413", async () => {
    const cases: [NextRequest, number, string | RegExp][] = [
      [post("{not json", "application/json"), 400, "Body is not valid JSON"],
      [post("[1]", "application/json"), 400, "Body must be a JSON object of string fields"],
      [post("null", "application/json"), 400, "Body must be a JSON object of string fields"],
      [post('{"callbackUrl":{"a":1}}', "application/json"), 400, "callbackUrl: must be a string"],
      [post("login=ada", "text/plain"), 400, /^Send the sign-in form as application\/x-www-form-urlencoded/],
      [post("garbage"), 400, /not a body without a Content-Type$/],
      [post("login=%FF", "application/x-www-form-urlencoded"), 400, "The form is not valid percent-encoded UTF-8"],
      [post("login=a%00b", "application/x-www-form-urlencoded"), 400, "login: contains a NUL or an invalid character"],
      [post("callbackUrl=http://x/%C3%A9", "application/x-www-form-urlencoded"), 400, /^callbackUrl: must be an address of printable ASCII/],
      [post(`x=${"a".repeat(17_000)}`, "application/x-www-form-urlencoded"), 413, "Body larger than 16384 bytes"],
      [new NextRequest("http://127.0.0.1:3000/api/auth/error?error=%FF"), 400, "The query string is not valid percent-encoded UTF-8"],
      [new NextRequest("http://127.0.0.1:3000/api/auth/error?error=Caf%C3%A9"), 400, "error: must be a sign-in error code (letters only)"],
      [new NextRequest("http://127.0.0.1:3000/api/auth/signin?callbackUrl=%0D%0A"), 400, /^callbackUrl/],
    ];
    for (const [req, status, message] of cases) {
      const r = await refusal(req);
      expect(r?.status, String(message)).toBe(status);
      if (typeof message === "string") expect(r?.message).toBe(message);
      else expect(r?.message).toMatch(message);
    }
    expect(await refusal(new NextRequest("http://127.0.0.1:3000/api/auth/error?error=CredentialsSignin&callbackUrl=%2Fstock%2FAAPL"))).toBeNull();
  });

  it("finds a header Node could not send", () => {
    expect(unsendableHeader(new Response(null, { headers: { location: "/login?error=Configuration" } }))).toBeNull();
    expect(unsendableHeader(new Response(null, { headers: { location: "/login?error=\u0001" } }))).toBe("location");
  });
});
