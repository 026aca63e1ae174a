/**
 * A per-key throttle for socket pushes: the first push of a key goes out at once; later ones within `intervalMs`
 * are merged (`merge`) into one trailing push that carries everything since. A burst costs two pushes instead
 * of one per change — what keeps a busy dinner from flooding every tablet and dashboard.
 */
export class PushThrottle<T> {
  private readonly lastSent = new Map<string, number>();
  private readonly pending = new Map<string, { value: T; timer: NodeJS.Timeout }>();

  constructor(
    private readonly intervalMs: number,
    private readonly send: (key: string, value: T) => void,
    private readonly merge: (older: T, newer: T) => T = (_older, newer) => newer,
  ) {}

  push(key: string, value: T): void {
    const waiting = this.pending.get(key);
    if (waiting) {
      waiting.value = this.merge(waiting.value, value);
      return;
    }
    const wait = (this.lastSent.get(key) ?? Number.NEGATIVE_INFINITY) + this.intervalMs - Date.now();
    if (wait <= 0) {
      this.lastSent.set(key, Date.now());
      this.send(key, value);
      return;
    }
    const timer = setTimeout(() => {
      const due = this.pending.get(key);
      this.pending.delete(key);
      this.lastSent.set(key, Date.now());
      if (due) this.send(key, due.value);
    }, wait);
    timer.unref();
    this.pending.set(key, { value, timer });
  }

  /** Drops the trailing pushes still waiting (shutdown). */
  close(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
