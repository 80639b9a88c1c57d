import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = { "@": fileURLToPath(new URL("./src", import.meta.url)), "server-only": fileURLToPath(new URL("./tests/support/server-only.ts", import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    env: { NODE_ENV: "test" },
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node", testTimeout: 60_000, hookTimeout: 60_000, setupFiles: ["tests/support/bind-jobs.ts"] },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // Node's standard EventSource (behind a flag on Node 20/22): the stock page's stream client runs on it.
          execArgv: ["--experimental-eventsource"],
          // A throwaway redis-server when none is configured or running (never on CI): tests/support/throwaway-redis.ts
          globalSetup: ["tests/support/throwaway-redis.ts", "tests/support/local-postgres.ts"],
          // The job handlers, bound as the server's start-up hook binds them.
          setupFiles: ["tests/support/bind-jobs.ts"],
        },
      },
    ],
  },
});
