import { securityHeaders } from "./src/server/auth/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
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
  ],
  outputFileTracingIncludes: {
    "/**": ["./data/**/*", "./prisma/migrations/**/*"],
    // /docs serves Scalar's browser bundle from the installed package (read at runtime, not imported).
    "/docs/scalar.js": ["./node_modules/@scalar/api-reference/dist/browser/standalone.js"],
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders({ dev: process.env.NODE_ENV !== "production" }) }];
  },
};

export default nextConfig;
