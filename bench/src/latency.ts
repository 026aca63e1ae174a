/**
 * Samples of one latency (milliseconds), kept whole: a bench run holds at most a few hundred thousand, and exact
 * percentiles are worth more here than a streaming sketch's memory saving.
 */
export class LatencySamples {
  private readonly values: number[] = [];
  private sorted: number[] | null = null;

  add(ms: number): void {
    this.values.push(ms);
    this.sorted = null;
  }

  get count(): number {
    return this.values.length;
  }

  /** The q-quantile (0..1) by nearest rank; NaN when there are no samples. */
  quantile(q: number): number {
    if (this.values.length === 0) return Number.NaN;
    this.sorted ??= [...this.values].sort((a, b) => a - b);
    const rank = Math.min(this.sorted.length - 1, Math.max(0, Math.ceil(q * this.sorted.length) - 1));
    return this.sorted[rank] as number;
  }

  get max(): number {
    return this.quantile(1);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
