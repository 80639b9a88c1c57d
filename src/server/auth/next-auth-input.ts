import "server-only";
// What next-auth's own endpoints accept, checked before next-auth sees the request. next-auth v4 throws on a
// body it cannot parse (invalid JSON), trusts field types (a callbackUrl that is not a string) and copies
// `error` and `callbackUrl` into a Location header unencoded, where a character a header cannot carry (what
// %FF decodes to) failed the response: each was a 500. Here each is a 400 (413 for
// a body too large) with the reason, and the body reaches next-auth as the form it expects.
import { NextRequest } from "next/server";
import { AppError, badRequest } from "@/lib/errors";

/** Larger than any sign-in form (login, password, CSRF token, callback URL). */
export const MAX_FORM_BYTES = 16 * 1024;
const FORM = "application/x-www-form-urlencoded";
// NUL and unpaired surrogates, as the route wrapper refuses them everywhere else.
const BAD_TEXT = /[\u0000\p{Cs}]/u;
// next-auth's error codes ("CredentialsSignin", "RateLimited", ...), echoed into the /login address.
const ERROR_CODE = /^[A-Za-z]{0,64}$/;
// A callback address goes into a Location header as given: printable ASCII (non-ASCII is percent-encoded).
const CALLBACK_URL = /^[\x21-\x7e]{0,2048}$/;

/**
 * Decodes application/x-www-form-urlencoded text (a query string or a form), refusing bad percent-encoding.
 * (Next hands a route the query with bad escapes already replaced by U+FFFD; a form arrives as sent.)
 */
function decodeForm(text: string, where: "query string" | "form"): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const pair of text.replace(/^\?/, "").split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const [rawKey, rawValue] = eq === -1 ? [pair, ""] : [pair.slice(0, eq), pair.slice(eq + 1)];
    try {
      fields[decodeURIComponent(rawKey.replace(/\+/g, " "))] = decodeURIComponent(rawValue.replace(/\+/g, " "));
    } catch {
      throw badRequest(`The ${where} is not valid percent-encoded UTF-8`);
    }
  }
  return fields;
}

function checkFields(fields: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value !== "string") throw badRequest(`${key}: must be a string`);
    if (BAD_TEXT.test(key) || BAD_TEXT.test(value)) throw badRequest(`${key}: contains a NUL or an invalid character`);
    out[key] = value;
  }
  if (out.error !== undefined && !ERROR_CODE.test(out.error)) throw badRequest("error: must be a sign-in error code (letters only)");
  if (out.callbackUrl !== undefined && !CALLBACK_URL.test(out.callbackUrl)) {
    throw badRequest("callbackUrl: must be an address of printable ASCII characters (percent-encode the rest), at most 2048");
  }
  return out;
}

async function readForm(req: NextRequest): Promise<Record<string, string> | null> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_FORM_BYTES) throw new AppError("payload_too_large", `Body larger than ${MAX_FORM_BYTES} bytes`);
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_FORM_BYTES) throw new AppError("payload_too_large", `Body larger than ${MAX_FORM_BYTES} bytes`);
  // No body at all: next-auth answers for the missing CSRF token (403).
  if (text === "") return null;
  if (type === FORM) return checkFields(decodeForm(text, "form"));
  if (type === "application/json") {
    let parsed: unknown;
    try {
      parsed = text === "" ? {} : JSON.parse(text);
    } catch {
      throw badRequest("Body is not valid JSON");
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw badRequest("Body must be a JSON object of string fields");
    return checkFields(parsed as Record<string, unknown>);
  }
  throw badRequest(`Send the sign-in form as ${FORM} (or application/json), not ${type || "a body without a Content-Type"}`);
}

/**
 * The request next-auth gets: the query checked, and a POST's body checked and re-sent as the urlencoded form
 * next-auth parses. Throws a 400/413 AppError for input next-auth would fail on.
 */
export async function checkedNextAuthRequest(req: NextRequest): Promise<NextRequest> {
  checkFields(decodeForm(req.nextUrl.search, "query string"));
  if (req.method !== "POST") return req;
  const form = await readForm(req);
  const headers = new Headers(req.headers);
  headers.delete("content-length");
  if (!form) return new NextRequest(req.url, { method: "POST", headers });
  headers.set("content-type", FORM);
  return new NextRequest(req.url, { method: "POST", headers, body: new URLSearchParams(form).toString() });
}

// What Node's HTTP writer accepts in a header value (anything else throws after the handler returned).
const SENDABLE_HEADER = /^[\t\x20-\x7e\x80-\xff]*$/;

/** The name of a header Node would refuse to send, or null when the response can be written. */
export function unsendableHeader(res: Response): string | null {
  for (const [name, value] of res.headers) if (!SENDABLE_HEADER.test(value)) return name;
  return null;
}
