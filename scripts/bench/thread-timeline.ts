// Per-thread CPU of a running process over time, read from /proc (Linux only): when each thread started
// (its starttime, relative to the process's own), its niceness (the training threads run at TRAINING_NICE,
// default 10) and its CPU per second. Used by first-baseline.ts to show what holds the cores in the first
// seconds of a fresh start.
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc's times (USER_HZ: 100 on Linux). */
const HZ = 100;

interface Stat {
  comm: string;
  cpuTicks: number;
  nice: number;
  startTicks: number;
}

function stat(path: string): Stat | null {
  try {
    const s = readFileSync(path, "utf8");
    const close = s.lastIndexOf(")");
    const f = s.slice(close + 2).split(" ");
    // Fields from state (3rd): utime 14, stime 15, nice 19, starttime 22 (1-based, so index = n - 3).
    return { comm: s.slice(s.indexOf("(") + 1, close), cpuTicks: Number(f[11]) + Number(f[12]), nice: Number(f[16]), startTicks: Number(f[19]) };
  } catch {
    return null;
  }
}

export interface ThreadRow {
  tid: number;
  comm: string;
  nice: number;
  /** Seconds after the process started. */
  startedAtS: number;
  /** CPU ms in each second after the process started. */
  cpuMsPerSecond: number[];
  totalCpuMs: number;
  /** The thread's CPU ms so far at each mark (sampleThreads' mark()), by the mark's name. */
  atMarks: Record<string, number>;
}

/**
 * Samples every `everyMs` until stop() is called; stop() returns one row per thread seen. mark(name) takes a
 * sample at once and keeps each thread's CPU so far under that name (e.g. "click", "first baseline").
 */
export function sampleThreads(pid: number, { everyMs = 100 }: { everyMs?: number } = {}): { mark: (name: string) => void; stop: () => ThreadRow[] } {
  const proc = stat(`/proc/${pid}/stat`);
  if (!proc) return { mark: () => {}, stop: () => [] };
  const marks = new Map<number, Record<string, number>>();
  const t0 = performance.now();
  const rows = new Map<number, { s: Stat; last: number; perSecond: number[] }>();
  const sample = () => {
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      return;
    }
    const second = Math.floor((performance.now() - t0) / 1000);
    for (const t of tids) {
      const s = stat(`/proc/${pid}/task/${t}/stat`);
      if (!s) continue;
      const tid = Number(t);
      const row = rows.get(tid) ?? { s, last: 0, perSecond: [] };
      // CPU before the first sample is put in the thread's first second.
      const bucket = row.perSecond.length === 0 && row.last === 0 ? Math.floor((s.startTicks - proc.startTicks) / HZ) : second;
      row.perSecond[bucket] = (row.perSecond[bucket] ?? 0) + (s.cpuTicks - row.last) * (1000 / HZ);
      row.last = s.cpuTicks;
      row.s = s;
      rows.set(tid, row);
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    mark: (name) => {
      sample();
      for (const [tid, r] of rows) marks.set(tid, { ...marks.get(tid), [name]: r.last * (1000 / HZ) });
    },
    stop: () => {
      clearInterval(timer);
      sample();
      return [...rows].map(([tid, r]) => ({
        tid,
        comm: r.s.comm,
        nice: r.s.nice,
        startedAtS: (r.s.startTicks - proc.startTicks) / HZ,
        cpuMsPerSecond: Array.from(r.perSecond, (v) => v ?? 0),
        totalCpuMs: r.s.cpuTicks * (1000 / HZ),
        atMarks: marks.get(tid) ?? {},
      }));
    },
  };
}

/** Each thread's CPU so far at each mark, for threads with at least `minMs` by the last mark, and the sum. */
export function marksText(rows: ThreadRow[], names: string[], { minMs = 50 }: { minMs?: number } = {}): string {
  const at = (r: ThreadRow, n: string) => r.atMarks[n] ?? 0;
  const cell = (v: number) => String(Math.round(v)).padStart(Math.max(8, ...names.map((n) => n.length + 2)));
  const shown = rows.filter((r) => at(r, names[names.length - 1]) >= minMs).sort((a, b) => a.startedAtS - b.startedAtS);
  const lines = shown.map((r) => `${`${r.comm} ${r.tid} (${r.nice})`.padEnd(24)} ${r.startedAtS.toFixed(2).padStart(6)} ${names.map((n) => cell(at(r, n))).join("")}`);
  const sum = names.map((n) => cell(rows.reduce((a, r) => a + at(r, n), 0))).join("");
  return [`${"thread (nice)".padEnd(24)} start s ${names.map((n) => n.padStart(cell(0).length)).join("")}`, ...lines, `${"all threads".padEnd(31)} ${sum}`].join("\n");
}

/** The rows as text: threads with at least `minMs` of CPU in the first `seconds`, one column per second. */
export function timelineText(rows: ThreadRow[], { seconds, minMs = 50 }: { seconds: number; minMs?: number }): string {
  const head = `thread (nice)            start s  CPU ms per second 0..${seconds - 1}`;
  const lines = rows
    .map((r) => ({ r, first: r.cpuMsPerSecond.slice(0, seconds) }))
    .filter(({ first }) => first.reduce((a, b) => a + b, 0) >= minMs)
    .sort((a, b) => a.r.startedAtS - b.r.startedAtS)
    .map(({ r, first }) => {
      const name = `${r.comm} ${r.tid} (${r.nice})`.padEnd(24);
      const cells = Array.from({ length: seconds }, (_, i) => String(Math.round(first[i] ?? 0)).padStart(5)).join("");
      return `${name} ${r.startedAtS.toFixed(2).padStart(6)} ${cells}  = ${Math.round(first.reduce((a, b) => a + b, 0))}`;
    });
  const sums = Array.from({ length: seconds }, (_, i) => rows.reduce((a, r) => a + (r.cpuMsPerSecond[i] ?? 0), 0));
  return [head, ...lines, `${"all threads".padEnd(31)} ${sums.map((v) => String(Math.round(v)).padStart(5)).join("")}`].join("\n");
}
