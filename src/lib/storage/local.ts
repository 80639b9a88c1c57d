// Local-folder backend (the embedded default). Writes go to a temp file in the same folder and are renamed
// into place, so a reader never sees half an artifact. Health writes and removes a small file: a folder can
// pass a permission check and still refuse every write (a full disk, a read-only mount).
import { randomBytes } from "node:crypto";
import { mkdir, readFile, readdir, rename, rm, unlink, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { elapsedMs, errorMessage } from "@/lib/health";
import { assertValidKey, assertValidPrefix, toBytes } from "./keys";
import type { ObjectStorage } from "./types";

const TMP_MARK = ".tmp-";

export function createLocalStorage({ root }: { root: string }): ObjectStorage {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const p = resolve(base, assertValidKey(key));
    // Belt and braces: the key rules already forbid "..", this guards against anything they miss.
    if (!p.startsWith(base + sep)) throw new Error(`Storage key resolves outside the models folder: ${key}`);
    return p;
  };
  const isNotFound = (err: unknown) => (err as NodeJS.ErrnoException)?.code === "ENOENT";

  async function walk(dir: string): Promise<string[]> {
    const entries = await readdir(dir, { withFileTypes: true }).catch((err: unknown) => {
      if (isNotFound(err)) return [];
      throw err;
    });
    const nested = await Promise.all(
      entries.map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : Promise.resolve(e.isFile() ? [join(dir, e.name)] : []))),
    );
    return nested.flat();
  }

  return {
    backend: "local",
    async put({ key, body }) {
      const target = pathOf(key);
      await mkdir(dirname(target), { recursive: true });
      const tmp = `${target}${TMP_MARK}${randomBytes(6).toString("hex")}`;
      try {
        await writeFile(tmp, toBytes(body));
        await rename(tmp, target);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
    },
    async get({ key }) {
      try {
        const buf = await readFile(pathOf(key));
        return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
    async list({ prefix }) {
      assertValidPrefix(prefix);
      const files = await walk(base);
      return files
        .map((f) => relative(base, f).split(sep).join("/"))
        .filter((k) => k.startsWith(prefix) && !k.includes(TMP_MARK))
        .sort();
    },
    async delete({ key }) {
      await unlink(pathOf(key)).catch((err: unknown) => {
        if (!isNotFound(err)) throw err;
      });
    },
    async health() {
      const started = performance.now();
      // Named like a temp file, so list() never shows it.
      const probe = join(base, `${TMP_MARK}health-${randomBytes(6).toString("hex")}`);
      try {
        await mkdir(base, { recursive: true });
        await writeFile(probe, "storage health probe\n");
        await rm(probe);
        return { status: "up", backend: "local", latencyMs: elapsedMs(started), detail: base };
      } catch (err) {
        await rm(probe, { force: true }).catch(() => undefined);
        return { status: "down", backend: "local", latencyMs: null, detail: `${base}: cannot write (${errorMessage(err)})` };
      }
    },
  };
}
