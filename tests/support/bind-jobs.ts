// Binds the job handlers to the catalog as the server's start-up hook does (src/instrumentation.ts), so jobs
// the tests queue through the app's queue run their real handlers (a vitest setup file, run in every worker).
import { bindJobHandlers } from "@/handlers";

bindJobHandlers();
