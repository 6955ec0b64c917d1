import { createHash } from 'node:crypto';

/**
 * Rendered files (the fund sheet, the card) kept while the figures they show stay the same: a file
 * is keyed by its inputs, figures and snapshot time included, so a new snapshot that changes them
 * renders anew (snapshot times are whole hours: two snapshots can share one), and the same figures
 * always give the same bytes. Concurrent requests share one rendering; past `capacity` files the
 * oldest is dropped.
 */
export class SnapshotFileCache {
  private readonly files = new Map<string, Promise<Buffer>>();

  constructor(private readonly capacity: number) {}

  get(inputs: unknown, render: () => Promise<Buffer>): Promise<Buffer> {
    const key = createHash('sha256').update(JSON.stringify(inputs)).digest('base64');
    const cached = this.files.get(key);
    if (cached) return cached;
    if (this.files.size >= this.capacity) this.files.delete(this.files.keys().next().value!);
    const file = render();
    this.files.set(key, file);
    // A failed rendering is not kept: the next request tries again.
    file.catch(() => this.files.get(key) === file && this.files.delete(key));
    return file;
  }
}
