import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** the bytes as sent on the wire, not decoded */
  wire: Buffer;
}

/** A GET that keeps the body as sent (supertest would decode it), to see what compression did. */
export function rawGet(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    request(`${baseUrl}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, wire: Buffer.concat(chunks) }));
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

/** The body after undoing its Content-Encoding (none, br or gzip). */
export function decoded(answer: RawAnswer): Buffer {
  const encoding = answer.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(answer.wire);
  if (encoding === 'gzip') return gunzipSync(answer.wire);
  if (encoding === undefined) return answer.wire;
  throw new Error(`unexpected Content-Encoding ${String(encoding)}`);
}
