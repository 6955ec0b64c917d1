import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { FormBody } from '../shared/form-parser';
import { HTML } from '../shared/page-reply';
import { StatisticsPageService } from './statistics-page.service';
import { statisticsPage } from './statistics.page';

/** The public dashboard. Its filters are a GET form: they are not personal, and a view can be shared as a link. */
@ApiExcludeController()
@Controller('statistiques')
export class StatisticsPagesController {
  constructor(private readonly statisticsPageService: StatisticsPageService) {}

  // The query is read here (not by the global pipe): a wrong filter gets a French message on the page.
  @Get()
  @Header('Content-Type', HTML)
  async dashboard(@Query() query: FormBody, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const page = await this.statisticsPageService.page(query ?? {});
    if (Object.keys(page.errors).length > 0) void reply.status(400);
    return statisticsPage(page);
  }
}
