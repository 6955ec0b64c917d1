import { Controller, Get, Header, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FinishedPages } from '../shared/finished-pages';
import type { FormBody } from '../shared/form-parser';
import { HTML } from '../shared/page-reply';
import { dashboardUrl } from './dashboard-links';
import { StatisticsPageService } from './statistics-page.service';
import { statisticsPage } from './statistics.page';

/** The public dashboard. Its filters are a GET form: they are not personal, and a view can be shared as a link. */
@ApiExcludeController()
@Controller('statistiques')
export class StatisticsPagesController {
  constructor(
    private readonly statisticsPageService: StatisticsPageService,
    private readonly finishedPages: FinishedPages,
  ) {}

  // The query is read here (not by the global pipe): a wrong filter gets a French message on the page.
  @Get()
  @Header('Content-Type', HTML)
  dashboard(@Query() query: FormBody, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | Buffer> {
    return this.finishedPages.answer(
      request,
      reply,
      async () => {
        const asked = await this.statisticsPageService.ask(query ?? {});
        // The filters as the page's own links write them.
        return { ...asked, address: dashboardUrl(asked.filters) };
      },
      async (asked) => {
        const page = await this.statisticsPageService.page(asked);
        return { html: statisticsPage(page), errors: page.errors };
      },
    );
  }
}
