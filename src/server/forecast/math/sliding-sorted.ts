// The last `size` values of a stream kept sorted: each origin of a walk-forward pass adds the outcomes that
// became known since the previous one and drops the oldest, in O(size) per value instead of a sort per origin.
export class SlidingSorted {
  private readonly fifo: number[] = [];
  private head = 0;
  private sorted: Float64Array;
  private n = 0;

  constructor(private readonly size: number) {
    this.sorted = new Float64Array(size);
  }

  get length(): number {
    return this.n;
  }

  push(value: number): void {
    if (this.n === this.size) this.remove(this.fifo[this.head++]);
    this.fifo.push(value);
    // Keep the queue from growing without bound in a long pass.
    if (this.head > 4096) {
      this.fifo.splice(0, this.head);
      this.head = 0;
    }
    const at = this.lowerBound(value);
    this.sorted.copyWithin(at + 1, at, this.n);
    this.sorted[at] = value;
    this.n++;
  }

  /** The current values in ascending order (a view: valid until the next push). */
  values(): Float64Array {
    return this.sorted.subarray(0, this.n);
  }

  private remove(value: number): void {
    const at = this.lowerBound(value);
    this.sorted.copyWithin(at, at + 1, this.n);
    this.n--;
  }

  private lowerBound(value: number): number {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
