import { scanApiRoutes } from "./src/lib/api-routes/scan.mjs";
import { securityHeaders } from "./src/server/auth/security-headers.mjs";

// The request proxy answers wrong methods with a JSON 405 and an Allow header: it learns each route's
// methods from this scan, made when the app is built.
const apiRoutes = scanApiRoutes("src/app").map(({ pattern, allowed }) => ({ pattern, allowed }));

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  compiler: { defineServer: { __STOCK_HUB_API_ROUTES__: JSON.stringify(apiRoutes) } },
  // Native/wasm packages and the forecast engine's heavy deps stay outside the bundle.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
    "ioredis",
    "prom-client",
    "@tensorflow/tfjs",
    "@tensorflow/tfjs-backend-wasm",
    // piscina starts its worker from its own dist/worker.js: bundled, that path no longer exists.
    "piscina",
  ],
  outputFileTracingIncludes: {
    "/**": ["./data/**/*", "./prisma/migrations/**/*"],
    // /docs serves Scalar's browser bundle from the installed package (read at runtime, not imported).
    "/docs/scalar.js": ["./node_modules/@scalar/api-reference/dist/browser/standalone.js"],
    // The MCP server serves the docs pages as resources (read at runtime).
    "/api/mcp": ["./docs/*.md"],
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders({ dev: process.env.NODE_ENV !== "production" }) }];
  },
};

export default nextConfig;
