import fastifyCompress from '@fastify/compress';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

// Text compresses to a fifth or less; XLSX (a zip), PDF (deflated streams) and PNG are already
// compressed, so they are left alone: compressing them again costs CPU for nothing. An allowlist,
// not the plugin's default guess, so a new binary type is never compressed by accident.
const COMPRESSIBLE =
  /^(?:text\/(?:html|css|csv|javascript|plain|calendar)|application\/(?:json|problem\+json|javascript|openmetrics-text)|image\/svg\+xml)\s*(?:;|$)/i;

/** Whether an answer of this Content-Type is compressed (when the client accepts br or gzip). */
export function isCompressible(contentType: string): boolean {
  return COMPRESSIBLE.test(contentType);
}

export type ContentEncoding = 'br' | 'gzip' | 'identity';
const ENCODINGS: ContentEncoding[] = ['br', 'gzip'];
// The plugin's own default quality: about 7 ms for /statistiques at 107 funds, where 5 takes 30 ms.
const BROTLI_QUALITY = 4;

/**
 * Brotli (quality 4, the plugin's default: fast enough to compress every page on the fly) or gzip,
 * for the answers `isCompressible` names, above 1 KiB. Registered before Nest adds its routes,
 * since the plugin hooks each route as it is added. Request bodies are not decompressed: the
 * intake keeps its plain 64 KiB limit (a compressed body could inflate far beyond it).
 */
export async function compressAnswers(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyCompress, {
    encodings: ENCODINGS,
    threshold: 1024,
    customTypes: isCompressible,
    globalDecompression: false,
  });
}

/** br, else gzip, if the client's Accept-Encoding takes it (a `q=0` refuses it; `*` takes both), else identity. */
export function preferredEncoding(acceptEncoding: string | undefined): ContentEncoding {
  const weights = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...parameters] = part.trim().toLowerCase().split(';');
    const q = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)).find(Boolean);
    if (name) weights.set(name, q ? Number(q[1]) : 1);
  }
  const weight = (encoding: string) => weights.get(encoding) ?? weights.get('*') ?? 0;
  const best = ENCODINGS.filter((encoding) => weight(encoding) > 0).sort((a, b) => weight(b) - weight(a))[0];
  return best ?? 'identity';
}

/** The body compressed as the plugin would (same brotli quality), for a route that keeps its compressed answers. */
export function compressBody(body: Buffer, encoding: ContentEncoding): Buffer {
  if (encoding === 'br') return brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } });
  if (encoding === 'gzip') return gzipSync(body);
  return body;
}

/** Marks a reply whose body `compressBody` made: the plugin leaves an answer with a Content-Encoding alone. */
export function sendCompressed(reply: FastifyReply, encoding: ContentEncoding): void {
  const vary = reply.getHeader('Vary');
  void reply.header('Vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding');
  if (encoding !== 'identity') void reply.header('Content-Encoding', encoding);
}
