// `npm start`'s server (scripts/serve.mjs) on the production build refuses to start on a bad setting or a failed
// listen: one message naming the variable on stderr, no "ready" line, and a non-zero exit status a supervisor
// sees. Each case spawns the real server script with one bad value over the embedded defaults.
import { expect, test } from "@playwright/test";
import { BAD_SETTINGS } from "../support/bad-settings";
import { spawnServer } from "./support/spawn-server";

const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);

async function start(vars: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const server = spawnServer(vars, { port: E2E_PORT + 50 });
  // A server that starts despite the bad value would never exit: stop it and report what it printed.
  const timer = setTimeout(() => server.proc.kill("SIGKILL"), 30_000);
  const code = await server.exited;
  clearTimeout(timer);
  return { code, ...server.output() };
}


for (const [vars, name] of BAD_SETTINGS) {
  test(`${Object.entries(vars).map(([k, v]) => `${k}=${v}`).join(" ")}: exits 1 naming ${name}, never ready`, async () => {
    const r = await start(vars);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).not.toContain("ready");
    expect(r.stderr).toContain("Stock Hub cannot start. Invalid environment configuration:");
    expect(r.stderr).toContain(`  ${name}: `);
    // One message, not a stack trace.
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
}

test("a port already in use: exits 1 and says so", async () => {
  // The suite's own server holds E2E_PORT on 127.0.0.1.
  const r = await start({ PORT: String(E2E_PORT) });
  expect(r.code, r.stderr).toBe(1);
  expect(r.stdout).not.toContain("ready");
  expect(r.stderr).toContain(`Stock Hub cannot start. Port ${E2E_PORT} on 127.0.0.1 is already in use (PORT)`);
});
