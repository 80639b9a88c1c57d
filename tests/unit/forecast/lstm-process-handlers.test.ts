import { expect, it } from "vitest";
import { ensureTfBackend } from "@/server/forecast/models/lstm-net";

// The wasm backend's Emscripten glue adds process handlers that rethrow; inside the web server that
// would turn any stray rejection into a crash, so loading the backend must leave the host's handlers as they were.
it("initialising the tfjs wasm backend leaves the process's error handlers unchanged", async () => {
  const before = {
    uncaught: process.listeners("uncaughtException"),
    rejection: process.listeners("unhandledRejection"),
  };
  await ensureTfBackend();
  expect(process.listeners("uncaughtException")).toEqual(before.uncaught);
  expect(process.listeners("unhandledRejection")).toEqual(before.rejection);
});
