import type { FastifyReply } from 'fastify';
import type { ExportFile } from './exports.service';

/** Sets the download headers and hands the body (a buffer, a string or a stream) to Fastify: the API's and the union space page's downloads. */
export function sendExport(reply: FastifyReply, file: ExportFile): ExportFile['body'] {
  void reply.header('Content-Type', file.contentType).header('Content-Disposition', `attachment; filename="${file.filename}"`);
  return file.body;
}
