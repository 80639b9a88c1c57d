// Next.js start-up hook. Starts the in-process cron schedules (e.g. warm-cache) in the Node.js server;
// under Inngest the schedules live in Inngest and this does nothing. It also opens the database now, so
// the embedded database's WASM start and migrations do not land on the first visitor's request, and warms
// the training worker.
export async function register(): Promise<void> {
  // The one process.env read outside src/env.ts: this hook also runs in the edge runtime, where src/env.ts
  // cannot load, and NEXT_RUNTIME is set by Next itself (inlined at build), not by configuration. The edge
  // build drops this branch, so the Node.js start-up is not compiled for it.
  if (process.env.NEXT_RUNTIME === "nodejs") await (await import("./instrumentation-node")).registerNode();
}
