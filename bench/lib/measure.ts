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
