// Preloaded into every worker-pool thread (pool.ts passes it with --import): lowers this thread's CPU priority by
// the pool's niceIncrement (its workerData). On Linux niceness is per thread: /proc/thread-self names this
// thread's id, and os.setPriority on that id nices this thread alone, never the server's own threads (the
// libc nice() call piscina would use lowers the whole process where it is not per thread, e.g. macOS). Plain
// JavaScript: it runs before any loader, in the production bundle's threads as in the TypeScript ones.
import { readlinkSync } from "node:fs";
import { getPriority, setPriority } from "node:os";
import { workerData } from "node:worker_threads";

const increment = Number(workerData?.niceIncrement ?? 0);
if (increment > 0) {
  let tid = null;
  try {
    tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
  } catch {
    // Not Linux: the threads keep their priority (pool.ts logs it once on the server's thread).
  }
  if (tid) setPriority(tid, Math.min(19, getPriority(tid) + increment));
}
