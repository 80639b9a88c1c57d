// Next.js start-up hook. Starts the in-process cron schedules (e.g. warm-cache) in the Node.js server;
// under Inngest the schedules live in Inngest and this does nothing.
export async function register(): Promise<void> {
  // NEXT_RUNTIME is set by Next itself (and inlined at build), not user configuration.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startJobSchedules } = await import("@/lib/queue");
  startJobSchedules();
}
