// A real, tiny filesystem for the "storage cannot write" tests: a tmpfs mounted on a temporary folder, then
// filled to the last byte (ENOSPC) or mounted read-only (EROFS). Mounting needs root, which the project's
// machines and CI run as; without it the test fails saying so rather than passing on a folder that can write.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface SmallDisk {
  dir: string;
  unmount(): void;
}

export function mountSmallDisk({ state }: { state: "full" | "read-only" }): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), `stock-hub-${state}-disk-`));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=64k${state === "read-only" ? ",ro" : ""}`, "tmpfs", dir], { stdio: "pipe" });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`mounting a 64 KB tmpfs needs root (mount -t tmpfs): ${(err as Error).message}`);
  }
  if (state === "full") {
    try {
      writeFileSync(join(dir, "filler"), Buffer.alloc(1024 * 1024, 1));
      throw new Error("a 1 MB file fitted on the 64 KB disk");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOSPC") throw err;
    }
  }
  return {
    dir,
    unmount() {
      execFileSync("umount", [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
