// A server process that dies mid-training, for the crash-recovery test: starts the job heartbeat as the
// server does (src/instrumentation.ts), asks for a training of SYMBOL, prints "running <jobId>" once the job
// runs, and waits to be killed. Run with
//   node --import tsx --conditions=react-server tests/support/train-until-killed.ts SYMBOL
import { getDb } from "@/lib/db";
import { bindJobHandlers } from "@/handlers";
import { queue } from "@/server/jobs";
import { TRAINING_EVENT } from "@/server/jobs/catalog";
import { startJobRecovery } from "@/server/jobs/recovery";

// The job handlers, bound as the server's start-up hook binds them (src/instrumentation.ts).
bindJobHandlers();

const symbol = process.argv[2] ?? "AAPL";
await getDb();
startJobRecovery();
const { jobId } = await queue.enqueue(TRAINING_EVENT, { symbols: [symbol], reason: "manual" });
for (;;) {
  const job = await queue.getJob(jobId);
  if (job?.status === "running") break;
  if (job && job.status !== "queued") throw new Error(`job ${jobId} ended ${job.status} before it could be killed`);
  await new Promise((r) => setTimeout(r, 50));
}
process.stdout.write(`running ${jobId}\n`);
setInterval(() => undefined, 60_000);
