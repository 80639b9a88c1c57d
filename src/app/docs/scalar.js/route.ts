// GET /docs/scalar.js: Scalar's standalone API-reference bundle, served by the app itself (no CDN, so the
// same-origin script policy holds). Read once from the installed package and cached by browsers for a day.
import { readFile } from "node:fs/promises";
import { join } from "node:path";

let bundle: Promise<Buffer> | undefined;
const load = () => (bundle ??= readFile(join(process.cwd(), "node_modules/@scalar/api-reference/dist/browser/standalone.js")));

export async function GET(): Promise<Response> {
  try {
    return new Response(new Uint8Array(await load()), {
      headers: { "content-type": "application/javascript; charset=utf-8", "cache-control": "public, max-age=86400" },
    });
  } catch {
    bundle = undefined;
    return new Response("// API reference bundle unavailable", { status: 503, headers: { "content-type": "application/javascript" } });
  }
}
