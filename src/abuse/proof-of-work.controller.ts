import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Challenge } from 'altcha-lib';
import type { FastifyReply } from 'fastify';
import { notFound } from '../common/api-error';
import { NoStore } from '../common/http-hygiene';
import { ProofOfWorkService } from './proof-of-work.service';
import { RateLimit } from './rate-limit.guard';
import { ALTCHA_WIDGET_FILES } from './altcha-widget';

@ApiTags('reports')
@Controller()
export class ProofOfWorkController {
  constructor(private readonly proofOfWork: ProofOfWorkService) {}

  @Get('api/pow-challenge')
  @NoStore()
  @RateLimit('challenges')
  @ApiOkResponse({ description: 'an ALTCHA v2 challenge ({ parameters, signature }), valid 10 minutes, to solve once' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED, with Retry-After' })
  challenge(): Promise<Challenge> {
    return this.proofOfWork.createChallenge();
  }

  // The ALTCHA widget, self-hosted: its files are read from node_modules at start-up.
  @Get('assets/altcha/:name')
  @ApiExcludeEndpoint()
  @Header('Cache-Control', 'public, max-age=3600')
  widgetFile(@Param('name') name: string, @Res({ passthrough: true }) reply: FastifyReply): Buffer {
    const file = ALTCHA_WIDGET_FILES.get(name);
    if (!file) throw notFound('No such asset');
    void reply.type(file.type);
    return file.content;
  }
}
