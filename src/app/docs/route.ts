// GET /docs: interactive API reference (Scalar) over /api/openapi.json. Its script comes from /docs/scalar.js
// and it loads no web fonts, so nothing is fetched from another origin and the CSP stays as it is.
const config = {
  url: "/api/openapi.json",
  withDefaultFonts: false,
  hideClientButton: true,
  telemetry: false,
  // Scalar's chat agent (on by default on localhost) and its toolbar call scalar.com: off, so the page never
  // tries another origin (the CSP would refuse it; tests/e2e/push-and-docs.spec.ts checks for refusals).
  agent: { disabled: true },
  showDeveloperTools: "never",
  showToolbar: "never",
  defaultOpenAllTags: false,
  metaData: { title: "Stock Hub API" },
};

// axe-core (tests/e2e/docs-accessibility.spec.ts) found Scalar's default grey and method colours under 4.5:1 on its
// own backgrounds (light: #8e8e8e on #fff 3.3:1, GET's #0084d6 on #f6f6f6 3.7:1; dark: #797979 on #0f0f0f 4.4:1):
// darker (light) and lighter (dark) values of the same variables, all at least 4.6:1 on every Scalar background.
// The tag overviews list operations in a box that scrolled sideways on a phone with nothing in it a keyboard can
// reach: long paths wrap instead. Two buttons had their words hidden from screen readers: the code blocks' copy
// button shows its sr-only "Copy" only while hovered or focused, and on a phone the client list's "More" hides its
// sr-only "Select from all clients" too. body.x outranks Scalar's own .light-mode / .dark-mode rules.
const css = [
  'body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",sans-serif}',
  ".back{display:block;padding:.5rem 1rem;border-bottom:1px solid var(--scalar-border-color,#ddd);font-size:.9rem}",
  "body.light-mode{--scalar-color-2:#636363;--scalar-color-3:#666666;--scalar-color-blue:#0067a8;--scalar-color-green:#00754a;--scalar-color-orange:#b83d00;--scalar-color-yellow:#856100;--scalar-color-red:#c80000}",
  "body.dark-mode{--scalar-color-3:#8f8f8f;--scalar-color-red:#ff6b6b}",
  "ul.endpoints[aria-label]{overflow:visible}",
  "ul.endpoints[aria-label] .endpoint-path{white-space:normal;overflow-wrap:anywhere}",
  "button.scalar-code-copy .sr-only span.hidden{display:inline}",
  "button.client-libraries__select span.sr-only[class]{display:block}",
].join("");

const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Stock Hub API reference</title>
    <style>${css}</style>
  </head>
  <body>
    <noscript>The API reference needs JavaScript. The raw description is at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript>
    <nav aria-label="Stock Hub"><a class="back" href="/">&larr; Back to Stock Hub</a></nav>
    <div id="app"></div>
    <script src="/docs/scalar.js"></script>
    <script>Scalar.createApiReference("#app", ${JSON.stringify(config)});</script>
  </body>
</html>`;

export function GET(): Response {
  return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
}
