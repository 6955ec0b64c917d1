import { Controller, Get, Header, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EnvironmentVariables } from '../../config/env';
import { FinishedPages } from '../shared/finished-pages';
import type { FormBody } from '../shared/form-parser';
import { absoluteUrl, HTML } from '../shared/page-reply';
import { fundPageAddress } from './comparison-parts';
import { CARD_CONTENT_TYPE } from './fund-card';
import { FundFilesService } from './fund-files.service';
import { FundPageService } from './fund-page.service';
import { SHEET_CONTENT_TYPE } from './fund-sheet';
import { fundPage } from './fund.page';
import { selectionQuery } from './selection-filters';

/** A page per fund, a permalink per selection (period and kind in the query string). */
@ApiExcludeController()
@Controller('statistiques/caisses')
export class FundPagesController {
  constructor(
    private readonly fundPageService: FundPageService,
    private readonly fundFilesService: FundFilesService,
    private readonly finishedPages: FinishedPages,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  // The query is read by the service (not the global pipe): a wrong filter gets a French message beside its field.
  @Get(':code')
  @Header('Content-Type', HTML)
  fund(
    @Param('code') code: string,
    @Query() query: FormBody,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer> {
    return this.finishedPages.answer(
      request,
      reply,
      async () => {
        const asked = await this.fundPageService.ask(code, query ?? {});
        return { ...asked, address: fundPageAddress(code, asked.filters, asked.choice) };
      },
      async (asked) => {
        const page = await this.fundPageService.page(asked);
        const suffix = selectionQuery(page.filters);
        const address = this.addressOf(request);
        const html = fundPage(page, { page: address(`/statistiques/caisses/${code}${suffix}`), card: address(`/statistiques/caisses/${code}.png${suffix}`) });
        return { html, errors: page.errors };
      },
    );
  }

  /** The one-page A4 sheet: public, since it holds only published figures. */
  @Get(':code.pdf')
  async sheet(@Param('code') code: string, @Query() query: FormBody, @Req() request: FastifyRequest): Promise<StreamableFile> {
    const file = await this.fundFilesService.sheet(code, query ?? {}, this.addressOf(request));
    return new StreamableFile(file, { type: SHEET_CONTENT_TYPE, disposition: `inline; filename="delais-ij-caisse-${code}.pdf"`, length: file.length });
  }

  /** The preview image of a shared link (og:image). */
  @Get(':code.png')
  async card(@Param('code') code: string, @Query() query: FormBody): Promise<StreamableFile> {
    const file = await this.fundFilesService.card(code, query ?? {});
    return new StreamableFile(file, { type: CARD_CONTENT_TYPE, length: file.length });
  }

  private addressOf(request: FastifyRequest): (path: string) => string {
    return (path) => absoluteUrl(request, path, this.config.get('PUBLIC_URL', { infer: true }));
  }
}
