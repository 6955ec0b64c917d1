import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { PassThrough, Writable } from 'node:stream';
import { crc32, inflateRawSync } from 'node:zlib';
import { ZipWriter } from './zip-writer';

// Reads an archive back through its central directory, as unzip tools do, checking each entry's
// local header, sizes and CRC against the directory.
function readZip(archive: Buffer): Map<string, Buffer> {
  const end = archive.length - 22;
  expect(archive.readUInt32LE(end)).toBe(0x06054b50);
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let index = 0; index < count; index++) {
    expect(archive.readUInt32LE(at)).toBe(0x02014b50);
    const [crc, compressed, size, nameLength] = [
      archive.readUInt32LE(at + 16),
      archive.readUInt32LE(at + 20),
      archive.readUInt32LE(at + 24),
      archive.readUInt16LE(at + 28),
    ];
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = archive.readUInt32LE(at + 42);
    expect(archive.readUInt32LE(local)).toBe(0x04034b50);
    const dataStart = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const content = inflateRawSync(archive.subarray(dataStart, dataStart + compressed));
    expect({ name, size: content.length, crc: crc32(content) }).toEqual({ name, size, crc });
    expect(archive.readUInt32LE(dataStart + compressed)).toBe(0x08074b50);
    files.set(name, content);
    at += 46 + nameLength;
  }
  return files;
}

describe('ZipWriter', () => {
  it('writes entries streamed in several pieces that read back byte for byte', async () => {
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk));
    const zip = new ZipWriter(output);
    const large = randomBytes(3_000_000).toString('base64');
    await zip.startEntry('xl/worksheets/sheet1.xml');
    for (let start = 0; start < large.length; start += 100_000) await zip.write(large.slice(start, start + 100_000));
    await zip.startEntry('[Content_Types].xml');
    await zip.write('<Types>é</Types>');
    await zip.startEntry('empty');
    await zip.finish();
    const files = readZip(Buffer.concat(chunks));
    expect([...files.keys()]).toEqual(['xl/worksheets/sheet1.xml', '[Content_Types].xml', 'empty']);
    expect(files.get('xl/worksheets/sheet1.xml')!.toString()).toBe(large);
    expect(files.get('[Content_Types].xml')!.toString()).toBe('<Types>é</Types>');
    expect(files.get('empty')!.length).toBe(0);
  });

  it('stops with an error when the download is closed, instead of waiting for room forever', async () => {
    // An output that never drains, closed as when the client goes away.
    const output = new Writable({ highWaterMark: 1024, write: () => undefined });
    const zip = new ZipWriter(output);
    const writing = (async () => {
      await zip.startEntry('sheet.xml');
      for (;;) await zip.write(randomBytes(64 * 1024));
    })();
    setTimeout(() => output.destroy(), 50);
    await expect(writing).rejects.toThrow('the download was closed');
  });
});
