import { Body, Controller, Get, Header, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { sendExport } from '../../exports/export-reply';
import type { FormBody } from '../shared/form-parser';
import { answerPrivately, HTML } from '../shared/page-reply';
import { unionSpacePage } from './union-space.page';
import { EMPTY_UNION_SPACE_FORM } from './union-space-form';
import { UnionSpaceService } from './union-space.service';

/** /espace-syndical: the form, and its POST answering the export file itself (works without JavaScript). */
@ApiExcludeController()
@Controller('espace-syndical')
export class UnionSpaceController {
  constructor(private readonly unionSpaceService: UnionSpaceService) {}

  @Get()
  @Header('Content-Type', HTML)
  form(): string {
    return unionSpacePage(this.unionSpaceService.choices(), EMPTY_UNION_SPACE_FORM);
  }

  // The token comes in the form body only; the answer is never kept by a cache (file or page).
  @Post()
  async download(@Body() form: FormBody, @Res({ passthrough: true }) reply: FastifyReply) {
    const outcome = await this.unionSpaceService.download(form ?? {});
    if ('file' in outcome) {
      answerPrivately(reply);
      return sendExport(reply, outcome.file);
    }
    answerPrivately(reply, outcome.status);
    void reply.header('Content-Type', HTML);
    return unionSpacePage(this.unionSpaceService.choices(), outcome.values, outcome.errors, outcome.notice);
  }
}
