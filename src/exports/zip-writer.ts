import type { Writable } from 'node:stream';
import { constants, crc32, createDeflateRaw, DeflateRaw } from 'node:zlib';

const LOCAL_FILE_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const DEFLATE = 8;
// Bit 3: sizes and CRC follow the data (streamed); bit 11: names are UTF-8.
const FLAGS = 0x0808;
const VERSION = 20;
/** 1980-01-01 00:00 in MS-DOS format: the entries carry no date (the export's date is in its name). */
const DOS_TIME = 0;
const DOS_DATE = 0x21;
const MAX_UINT32 = 0xffffffff;

interface WrittenEntry {
  name: Buffer;
  offset: number;
  crc: number;
  compressedSize: number;
  size: number;
}

/**
 * A ZIP archive written entry after entry into `output`, each entry deflated as it is streamed
 * (data descriptors, no seeking), waiting on the output's backpressure. Enough for an XLSX
 * package; no ZIP64, so an archive stays under 4 GiB (the cube is tens of megabytes).
 */
export class ZipWriter {
  private readonly entries: WrittenEntry[] = [];
  private offset = 0;
  private current?: { entry: WrittenEntry; deflate: DeflateRaw; done: Promise<void> };

  constructor(private readonly output: Writable) {}

  /** Starts an entry; `write` then adds to it until the next entry or `finish`. */
  async startEntry(name: string): Promise<void> {
    await this.closeEntry();
    const entry: WrittenEntry = { name: Buffer.from(name, 'utf8'), offset: this.offset, crc: 0, compressedSize: 0, size: 0 };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_FILE_HEADER, 0);
    writeEntryFields(header, 4);
    header.writeUInt16LE(entry.name.length, 26);
    await this.emit(Buffer.concat([header, entry.name]));
    // Level 1: the cube's XML is repetitive enough that it costs a few percent of size, and
    // deflating is then no longer the slowest step of the export.
    const deflate = createDeflateRaw({ level: 1, strategy: constants.Z_DEFAULT_STRATEGY });
    const done = (async () => {
      for await (const chunk of deflate) {
        entry.compressedSize += (chunk as Buffer).length;
        await this.emit(chunk as Buffer);
      }
    })();
    // Observed by closeEntry; until then a failed write must not be an unhandled rejection.
    done.catch(() => undefined);
    this.current = { entry, deflate, done };
  }

  /** Adds to the current entry, waiting when the compressor is full. */
  async write(data: string | Buffer): Promise<void> {
    const current = this.current;
    if (!current) throw new Error('ZipWriter.write before startEntry');
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    current.entry.crc = crc32(bytes, current.entry.crc);
    current.entry.size += bytes.length;
    if (!current.deflate.write(bytes)) await drained(current.deflate);
  }

  /** Closes the last entry and writes the central directory; does not end `output`. */
  async finish(): Promise<void> {
    await this.closeEntry();
    const directoryOffset = this.offset;
    for (const entry of this.entries) {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(CENTRAL_DIRECTORY_HEADER, 0);
      header.writeUInt16LE(VERSION, 4); // version made by
      writeEntryFields(header, 6);
      header.writeUInt32LE(entry.crc, 16);
      header.writeUInt32LE(entry.compressedSize, 20);
      header.writeUInt32LE(entry.size, 24);
      header.writeUInt16LE(entry.name.length, 28);
      header.writeUInt32LE(entry.offset, 42);
      await this.emit(Buffer.concat([header, entry.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - directoryOffset, 12);
    end.writeUInt32LE(directoryOffset, 16);
    await this.emit(end);
  }

  private async closeEntry(): Promise<void> {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    current.deflate.end();
    await current.done;
    const { entry } = current;
    if (entry.size > MAX_UINT32 || this.offset > MAX_UINT32) throw new Error('ZIP archive over 4 GiB: ZIP64 is not supported');
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
    descriptor.writeUInt32LE(entry.crc, 4);
    descriptor.writeUInt32LE(entry.compressedSize, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    await this.emit(descriptor);
    this.entries.push(entry);
  }

  private async emit(bytes: Buffer): Promise<void> {
    this.offset += bytes.length;
    if (this.output.destroyed) throw new Error('the download was closed');
    if (!this.output.write(bytes)) await drained(this.output);
  }
}

// The fields a local header and a central directory header share, in the same order: version
// needed, flags, method, time and date.
function writeEntryFields(header: Buffer, at: number): void {
  header.writeUInt16LE(VERSION, at);
  header.writeUInt16LE(FLAGS, at + 2);
  header.writeUInt16LE(DEFLATE, at + 4);
  header.writeUInt16LE(DOS_TIME, at + 6);
  header.writeUInt16LE(DOS_DATE, at + 8);
}

// A client that goes away closes the output without a 'drain': stop then, or the export (and its
// database cursor) would wait forever.
function drained(output: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = () => {
      output.off('drain', settle);
      output.off('close', settle);
      if (output.destroyed) reject(new Error('the download was closed'));
      else resolve();
    };
    output.on('drain', settle);
    output.on('close', settle);
  });
}
