import { Injectable } from '@nestjs/common';
import { compressBody, ContentEncoding } from '../../http-compression';

/** Enough for the views people actually share; each holds the page and up to two compressed copies (about 350 KB). */
const CAPACITY = 64;

interface Entry {
  html: Buffer;
  compressed: Partial<Record<ContentEncoding, Buffer>>;
}

/**
 * /statistiques pages already rendered and compressed, by snapshot and address. A page is a pure
 * function of the two (it reads only the snapshot), so an entry is never stale: a new snapshot
 * has a new key. Compressing the page costs more than building it (about 7 ms with brotli), so
 * without this a busy instance would spend its CPU compressing the same bytes again.
 */
@Injectable()
export class DashboardCache {
  // A Map iterates in insertion order: re-inserting on each hit makes the first key the least recently used.
  private readonly entries = new Map<string, Entry>();

  body(key: string, encoding: ContentEncoding, render: () => string): Buffer {
    let entry = this.entries.get(key);
    if (entry) this.entries.delete(key);
    else entry = { html: Buffer.from(render()), compressed: {} };
    this.entries.set(key, entry);
    if (this.entries.size > CAPACITY) this.entries.delete(this.entries.keys().next().value!);
    if (encoding === 'identity') return entry.html;
    return (entry.compressed[encoding] ??= compressBody(entry.html, encoding));
  }

  get size(): number {
    return this.entries.size;
  }
}
