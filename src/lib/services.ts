// The process-wide services, held in one place: the database, the cache, the job queue, the event bus,
// artifact storage, the training worker threads and the metrics registry. Each service module builds its instance here on first use (so importing a module
// never opens a connection or reads the environment) and gets the same one back afterwards.
//
// The record lives on globalThis because Next's dev reloads re-evaluate modules but must keep one PGlite (it
// locks its folder), one Redis connection (and one bus subscriber), one set of cron timers and one Prometheus registry.
//
// Tests start over with the one `resetServicesForTests()`: it closes and forgets the services, and forgets
// the in-process state modules registered with `onServicesReset` (the parsed environment, market memo,
// circuit breakers, health probes), so the next use rebuilds everything from the current environment.
//
// No "server-only" here: src/env.ts (imported by the proxy and by tsx scripts) registers with it, and the
// module holds no secrets of its own.

export type ServiceName = "db" | "cache" | "queue" | "storage" | "metrics" | "bus" | "workers" | "marketTerm" | "trainingStepTimes" | "baselineRuns";

interface Held {
  value: unknown;
  dispose?: () => unknown;
}

const g = globalThis as unknown as { __stockHubServices?: Map<ServiceName, Held> };
const held: Map<ServiceName, Held> = (g.__stockHubServices ??= new Map());

/** The process's instance of `name`, built by `create` on first use; `dispose` closes it on drop or reset. */
export function processService<T>(name: ServiceName, create: () => T, dispose?: (value: T) => unknown): T {
  const h = held.get(name);
  if (h) return h.value as T;
  return replaceService(name, create(), dispose);
}

/** Installs `value` as the instance of `name` without disposing the previous one (callers drop it first). */
export function replaceService<T>(name: ServiceName, value: T, dispose?: (value: T) => unknown): T {
  held.set(name, { value, dispose: dispose && (() => dispose(value)) });
  return value;
}

/**
 * Forgets `name` at once (the next use builds a new one) and resolves when the old instance is closed.
 * With `only`, forgets it only if it is still that instance (a failed open must not drop its replacement).
 */
export async function dropService(name: ServiceName, only?: unknown): Promise<void> {
  const h = held.get(name);
  if (!h || (only !== undefined && h.value !== only)) return;
  held.delete(name);
  await h.dispose?.();
}

/**
 * Module state shared by every copy of a module in this process. Next bundles the start-up hook, each page and
 * each route separately, so a plain module-level Map exists once per bundle: a provider the stock route found
 * with an invalid key would look fine to /api/status. State kept here (on globalThis) is one per process.
 */
export function processState<T extends object>(key: string, create: () => T): T {
  const gs = globalThis as unknown as { __stockHubState?: Map<string, object> };
  const all = (gs.__stockHubState ??= new Map());
  let v = all.get(key) as T | undefined;
  if (!v) all.set(key, (v = create()));
  return v;
}

// Module-level state that is not a service but that a test must be able to forget.
const forgetters = new Set<() => void>();

/** Registers how to forget a module's in-process state on `resetServicesForTests()`. */
export function onServicesReset(forget: () => void): void {
  forgetters.add(forget);
}

// The queue first (its cron timers and jobs use the database and the worker threads), the database last. The
// metrics registry stays: `metrics` is a module constant, and tests read its counters as differences.
const DROP_ORDER: readonly ServiceName[] = ["queue", "workers", "bus", "cache", "storage", "db"];

/**
 * Tests: forgets the parsed environment, every module's registered state and every service but those in
 * `keep` ("all": only the state, e.g. after changing provider settings mid-file), synchronously (so a
 * synchronous caller may ignore the promise); resolves once the old services are closed. A close that fails
 * is ignored: the instance is already forgotten.
 */
export function resetServicesForTests({ keep = [] }: { keep?: readonly ServiceName[] | "all" } = {}): Promise<void> {
  for (const forget of forgetters) forget();
  const closing = DROP_ORDER.filter((n) => keep !== "all" && !keep.includes(n)).map((n) => {
    const h = held.get(n);
    held.delete(n);
    return h?.dispose;
  });
  return (async () => {
    for (const dispose of closing) await Promise.resolve(dispose?.()).catch(() => undefined);
  })();
}
