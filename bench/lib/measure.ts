import fs from "node:fs";
/** What a measured phase returned, how long it took and the process's peak RSS meanwhile. */
export interface Measured<T> {
  result: T;
  seconds: number;
  peakRss: number;
}

/**
 * Times `work` and samples RSS every 100 ms while it runs (sampling needs `work` to yield, as streaming does).
 * `onStart` hears the RSS the phase starts from.
 */
export async function measure<T>(work: () => Promise<T>, onStart?: (rss: number) => void): Promise<Measured<T>> {
  // A phase should not be charged for the previous phase's garbage.
  global.gc?.();
  let peakRss = process.memoryUsage.rss();
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  };
  onStart?.(peakRss);
  const timer = setInterval(sample, 100);
  const started = performance.now();
  try {
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    sample();
    return { result, seconds, peakRss };
  } finally {
    clearInterval(timer);
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc; null where there is none. */
export function cpuSecondsOf(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    // utime and stime, fields 14 and 15 of stat (indexes 11 and 12 after "pid (comm) "), in 1/100 s ticks.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** Busy CPU seconds of the whole machine so far (every process, PostgreSQL included), from /proc/stat. */
export function machineBusySeconds(): number | null {
  try {
    const cpu = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = cpu;
    return (user + nice + system + irq + softirq + steal) / 100;
  } catch {
    return null;
  }
}

/**
 * CPU seconds so far of PostgreSQL on this machine: every `postgres` process, plus the time of the ones that have
 * exited (pools close idle connections, autovacuum workers come and go), which the postmaster's waited-for
 * children time (cutime, cstime) holds once it has reaped them. Null where /proc shows none.
 */
export function postgresCpuSeconds(): number | null {
  let pids: string[];
  try {
    pids = fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p));
  } catch {
    return null;
  }
  const stats = new Map<number, string[]>();
  for (const p of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
      if (!stat.includes("(postgres) ")) continue;
      stats.set(Number(p), stat.split(") ")[1].split(" "));
    } catch {
      continue;
    }
  }
  if (!stats.size) return null;
  let ticks = 0;
  for (const fields of stats.values()) {
    // utime, stime (fields 14, 15); the postmaster, whose parent is no postgres, adds cutime, cstime (16, 17).
    ticks += Number(fields[11]) + Number(fields[12]);
    if (!stats.has(Number(fields[1]))) ticks += Number(fields[13]) + Number(fields[14]);
  }
  return ticks / 100;
}
