// The end of a pool task's messages. A task that streams messages (progress) posts TASK_END as its last one
// (endTask), so the pool hands its result back once every message has arrived. A port's "close" cannot say
// this: between tasks piscina parks the thread in Atomics.wait, so a close made after the task's first await
// reaches the other side only when the thread's next task wakes it (measured: never within the pool's 1 s
// wait, which then held the thread idle after every training task). A posted message is delivered at once.
// No server-only import: worker threads load this file.
import type { MessagePort } from "node:worker_threads";

/** The last message a streaming task posts on its port (never a progress message: those are objects). */
export const TASK_END = "stock-hub:task-end";

/** Marks the task's messages complete and closes its end of the port. */
export function endTask(port: Pick<MessagePort, "postMessage" | "close">): void {
  port.postMessage(TASK_END);
  port.close();
}
