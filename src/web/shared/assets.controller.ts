import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { notFound } from '../../common/api-error';

// The only static files: read once at start-up (copied beside the compiled code by nest-cli.json).
const ASSET_TYPES: Record<string, string> = {
  'site.css': 'text/css; charset=utf-8',
  'site.js': 'text/javascript; charset=utf-8',
  'letter-boxes.js': 'text/javascript; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};
const ASSETS = new Map(Object.keys(ASSET_TYPES).map((name) => [name, readFileSync(join(__dirname, 'assets', name))]));

@ApiExcludeController()
@Controller('assets')
export class AssetsController {
  @Get(':name')
  @Header('Cache-Control', 'public, max-age=3600')
  @Header('X-Content-Type-Options', 'nosniff')
  asset(@Param('name') name: string, @Res({ passthrough: true }) reply: FastifyReply): Buffer {
    const content = ASSETS.get(name);
    if (!content) throw notFound('No such asset');
    void reply.type(ASSET_TYPES[name]);
    return content;
  }
}
