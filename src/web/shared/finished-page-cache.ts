import { compressBody, ContentEncoding } from '../../http-compression';

interface Entry {
  html: Buffer;
  compressed: Partial<Record<ContentEncoding, Buffer>>;
  /** the page and its compressed copies */
  bytes: number;
}

/**
 * Pages already rendered and compressed, by key, the least recently used dropped first once they
 * hold more than `budgetBytes`. The key names everything a page is a function of (FinishedPages
 * builds it), so an entry is never stale: any change is a new key. Compressing a page costs more
 * than building it (about 7 ms for /statistiques with brotli), so without this a busy instance
 * would spend its CPU compressing the same bytes again. A budget in bytes, not in entries: a
 * /statistiques view weighs about 330 KB with its copies at 107 funds, a fund page about 23 KB.
 */
export class FinishedPageCache {
  // A Map iterates in insertion order: re-inserting on each hit makes the first key the least recently used.
  private readonly entries = new Map<string, Entry>();
  private heldBytes = 0;

  constructor(private readonly budgetBytes: number) {}

  /** The page kept under `key`, in `encoding` (compressed on the first request for it), or undefined. */
  find(key: string, encoding: ContentEncoding): Buffer | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return this.inEncoding(entry, encoding);
  }

  /** Keeps a page just rendered under `key` (replacing one rendered at the same time), and answers it in `encoding`. */
  keep(key: string, html: string, encoding: ContentEncoding): Buffer {
    this.drop(key);
    const body = Buffer.from(html);
    const entry: Entry = { html: body, compressed: {}, bytes: body.length };
    this.entries.set(key, entry);
    this.heldBytes += entry.bytes;
    return this.inEncoding(entry, encoding);
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.heldBytes;
  }

  private inEncoding(entry: Entry, encoding: ContentEncoding): Buffer {
    let body = encoding === 'identity' ? entry.html : entry.compressed[encoding];
    if (!body) {
      body = entry.compressed[encoding] = compressBody(entry.html, encoding);
      entry.bytes += body.length;
      this.heldBytes += body.length;
    }
    while (this.heldBytes > this.budgetBytes && this.entries.size > 0) this.drop(this.entries.keys().next().value!);
    return body;
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.heldBytes -= entry.bytes;
  }
}
