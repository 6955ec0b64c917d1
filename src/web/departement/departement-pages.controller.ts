import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { FormBody } from '../shared/form-parser';
import { HTML } from '../shared/page-reply';
import { DepartementPageService } from './departement-page.service';
import { departementPage } from './departement.page';

/** A page per département, listing its funds; period and kind in the query string. */
@ApiExcludeController()
@Controller('statistiques/departements')
export class DepartementPagesController {
  constructor(private readonly departementPageService: DepartementPageService) {}

  @Get(':code')
  @Header('Content-Type', HTML)
  async departement(@Param('code') code: string, @Query() query: FormBody, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const page = await this.departementPageService.page(code, query ?? {});
    if (Object.keys(page.errors).length > 0) void reply.status(400);
    return departementPage(page);
  }
}
