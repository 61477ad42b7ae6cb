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
