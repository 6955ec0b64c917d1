/**
 * A number that grows each time a table's digest is seen to change, the digest read at most once
 * every `maxAgeMs` (or at once after `changed()`). Not the digest itself: an event added then
 * deleted gives the old digest back, and a page built in between (holding the event) would be
 * served again under it; a number that never repeats in this process cannot be.
 */
export class DigestVersion {
  private version = 0;
  private lastDigest?: string;
  private reading?: Promise<void>;
  private readAt = -Infinity;

  constructor(
    private readonly readDigest: () => Promise<string>,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async current(): Promise<number> {
    const now = this.now();
    if (now - this.readAt >= this.maxAgeMs) {
      this.readAt = now;
      const reading = this.readDigest().then((digest) => {
        if (digest !== this.lastDigest) this.version += 1;
        this.lastDigest = digest;
      });
      // A failed read is not kept: the next call reads again.
      reading.catch(() => (this.readAt = -Infinity));
      this.reading = reading;
    }
    await this.reading;
    return this.version;
  }

  /** A change was committed through this process: the next `current()` reads the digest again. */
  changed(): void {
    this.readAt = -Infinity;
  }
}
