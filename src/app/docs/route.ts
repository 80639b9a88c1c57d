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

const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Stock Hub API reference</title>
    <style>body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",sans-serif}.back{display:block;padding:.5rem 1rem;border-bottom:1px solid #ddd;font-size:.9rem}</style>
  </head>
  <body>
    <noscript>The API reference needs JavaScript. The raw description is at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript>
    <a class="back" href="/">&larr; Back to Stock Hub</a>
    <div id="app"></div>
    <script src="/docs/scalar.js"></script>
    <script>Scalar.createApiReference("#app", ${JSON.stringify(config)});</script>
  </body>
</html>`;

export function GET(): Response {
  return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
}
