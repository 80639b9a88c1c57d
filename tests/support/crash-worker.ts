// A pool worker for the pool's own tests: reports its thread, echoes, fails, or takes its thread down.
import { readFileSync } from "node:fs";
import { threadId } from "node:worker_threads";
import { endTask } from "@/lib/workers/task-end";

/** The calling thread's nice value (Linux: field 19 of /proc/thread-self/stat). */
export const threadNice = () => {
  const stat = readFileSync("/proc/thread-self/stat", "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
};

export default async (task: { kind: "echo" | "throw" | "exit" | "oom" | "wait" | "nice" | "stream" | "stream-no-end"; value?: number; cancelFlag: Int32Array; port: import("node:worker_threads").MessagePort }) => {
  if (task.kind === "nice") return { nice: threadNice() };
  if (task.kind === "throw") throw new Error("bad input for the task");
  if (task.kind === "exit") process.exit(3);
  if (task.kind === "oom") {
    const hog: number[][] = [];
    for (;;) hog.push(new Array(1e6).fill(Math.random()));
  }
  if (task.kind === "stream" || task.kind === "stream-no-end") {
    // Progress over an await, as training posts it: the messages end with TASK_END (endTask), or the port's close only.
    for (let i = 0; i < 3; i++) {
      task.port.postMessage({ step: i });
      await new Promise((r) => setTimeout(r, 5));
    }
    if (task.kind === "stream") endTask(task.port);
    else task.port.close();
    return { streamed: 3 };
  }
  if (task.kind === "wait") {
    // Checks the cancel flag at each "boundary", as training does between models.
    for (let i = 0; i < 200; i++) {
      if (Atomics.load(task.cancelFlag, 0) === 1) throw Object.assign(new Error("Job cancelled"), { name: "RunCancelledError" });
      task.port.postMessage({ step: i });
      await new Promise((r) => setTimeout(r, 20));
    }
    return { finished: true };
  }
  return { threadId, value: (task.value ?? 0) * 2 };
};
