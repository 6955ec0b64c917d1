import fastifyCompress from '@fastify/compress';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

// Text compresses to a fifth or less; XLSX (a zip), PDF (deflated streams) and PNG are already
// compressed, so they are left alone: compressing them again costs CPU for nothing. An allowlist,
// not the plugin's default guess, so a new binary type is never compressed by accident.
const COMPRESSIBLE = /^(?:text\/(?:html|css|csv|javascript|plain|calendar)|application\/(?:json|problem\+json|javascript|openmetrics-text)|image\/svg\+xml)\s*(?:;|$)/i;

/** Whether an answer of this Content-Type is compressed (when the client accepts br or gzip). */
export function isCompressible(contentType: string): boolean {
  return COMPRESSIBLE.test(contentType);
}

/**
 * Brotli (quality 4, the plugin's default: fast enough to compress every page on the fly) or gzip,
 * for the answers `isCompressible` names, above 1 KiB. Registered before Nest adds its routes,
 * since the plugin hooks each route as it is added. Request bodies are not decompressed: the
 * intake keeps its plain 64 KiB limit (a compressed body could inflate far beyond it).
 */
export async function compressAnswers(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    customTypes: isCompressible,
    globalDecompression: false,
  });
}
