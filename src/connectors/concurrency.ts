/**
 * A counting semaphore: at most `max` holders at once, the rest wait in arrival order. Hand-written (a dozen
 * lines) because the maintained npm options (p-limit, p-queue) are ESM-only and this build is CommonJS.
 */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly max: number) {}

  async acquire(): Promise<() => void> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight to the next waiter
      else this.active--;
    };
  }
}

/** One semaphore per key for the life of the process: connections that share an API key share its limit. */
export class ConcurrencyLimits {
  private readonly byKey = new Map<string, Semaphore>();

  get(key: string, max: number): Semaphore {
    let semaphore = this.byKey.get(key);
    if (!semaphore) this.byKey.set(key, (semaphore = new Semaphore(max)));
    return semaphore;
  }
}
