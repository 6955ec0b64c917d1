import { Controller, Get, Header, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FinishedPages } from '../shared/finished-pages';
import type { FormBody } from '../shared/form-parser';
import { HTML } from '../shared/page-reply';
import { selectionQuery } from '../fund/selection-filters';
import { DepartementPageService } from './departement-page.service';
import { departementPage } from './departement.page';

/** A page per département, listing its funds; period and kind in the query string. */
@ApiExcludeController()
@Controller('statistiques/departements')
export class DepartementPagesController {
  constructor(
    private readonly departementPageService: DepartementPageService,
    private readonly finishedPages: FinishedPages,
  ) {}

  @Get(':code')
  @Header('Content-Type', HTML)
  departement(
    @Param('code') code: string,
    @Query() query: FormBody,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer> {
    return this.finishedPages.answer(
      request,
      reply,
      async () => {
        const asked = await this.departementPageService.ask(code, query ?? {});
        return { ...asked, address: `/statistiques/departements/${code}${selectionQuery(asked.filters)}` };
      },
      async (asked) => {
        const page = await this.departementPageService.page(asked);
        return { html: departementPage(page), errors: page.errors };
      },
    );
  }
}
