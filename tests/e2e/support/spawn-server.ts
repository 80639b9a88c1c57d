// A second production server (scripts/serve.mjs on the build) with its own settings and data folder, for the
// specs that need a start, a configuration or a signal the suite's shared server must not get.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface SpawnedServer {
  proc: ChildProcess;
  url: string;
  output: () => { stdout: string; stderr: string };
  /** Resolves with the exit status (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Resolves once the server prints its ready line; rejects if it exits first. */
  ready: Promise<void>;
}

export function spawnServer(vars: Record<string, string>, { port }: { port: number }): SpawnedServer {
  const dataDir = mkdtempSync(join(tmpdir(), "stock-hub-spawned-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: "",
    REDIS_URL: "",
    UPSTASH_REDIS_REST_URL: "",
    MODELS_BUCKET: "",
    DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    PORT: String(port),
    WARM_MODELS: "0",
    ...vars,
  };
  const proc = spawn(process.execPath, ["scripts/serve.mjs"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  proc.stdout!.on("data", (c) => (stdout += c));
  proc.stderr!.on("data", (c) => (stderr += c));
  const exited = new Promise<number | null>((resolve) =>
    proc.on("exit", (code) => {
      rmSync(dataDir, { recursive: true, force: true });
      resolve(code);
    }),
  );
  const ready = new Promise<void>((resolve, reject) => {
    proc.stdout!.on("data", () => stdout.includes("Stock Hub ready") && resolve());
    void exited.then((code) => reject(new Error(`server exited ${code} before it was ready: ${stderr}`)));
  });
  ready.catch(() => undefined);
  return { proc, url: `http://127.0.0.1:${port}`, output: () => ({ stdout, stderr }), exited, ready };
}
