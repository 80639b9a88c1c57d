// A restarted server for the alert restart test: a fresh process on the same database evaluates every alert
// once on the shipped closes (the evaluation the daily refresh runs), waits for the mail and webhook jobs it
// queued, prints the result as one JSON line and exits. Run with
//   node --import tsx --conditions=react-server tests/support/evaluate-alerts-once.ts
import { closeDb, getDb } from "@/lib/db";
import { bindJobHandlers } from "@/handlers";
import { evaluateAlerts } from "@/server/alerts/evaluate";
import { queue } from "@/server/jobs";

// The job handlers, bound as the server's start-up hook binds them (src/instrumentation.ts).
bindJobHandlers();

await getDb();
const result = await evaluateAlerts();
await queue.runner()?.idle();
process.stdout.write(`${JSON.stringify(result)}\n`);
await closeDb();
process.exit(0);
