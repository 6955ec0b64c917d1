import { Controller, Get, Header, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { preferredEncoding, sendCompressed } from '../../http-compression';
import type { FormBody } from '../shared/form-parser';
import { HTML } from '../shared/page-reply';
import { DashboardCache } from './dashboard-cache';
import { dashboardUrl } from './dashboard-links';
import { eventsKey, StatisticsPageService } from './statistics-page.service';
import { statisticsPage } from './statistics.page';

/** The public dashboard. Its filters are a GET form: they are not personal, and a view can be shared as a link. */
@ApiExcludeController()
@Controller('statistiques')
export class StatisticsPagesController {
  constructor(
    private readonly statisticsPageService: StatisticsPageService,
    private readonly dashboardCache: DashboardCache,
  ) {}

  // The query is read here (not by the global pipe): a wrong filter gets a French message on the page.
  @Get()
  @Header('Content-Type', HTML)
  async dashboard(@Query() query: FormBody, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | Buffer> {
    const page = await this.statisticsPageService.page(query ?? {});
    if (Object.keys(page.errors).length > 0) {
      void reply.status(400);
      return statisticsPage(page);
    }
    if (!page.data) return statisticsPage(page);
    // One key per view: the snapshot, the events shown and the filters as the page's own links write them.
    const encoding = preferredEncoding(request.headers['accept-encoding']);
    sendCompressed(reply, encoding);
    return this.dashboardCache.body(`${page.data.snapshotId} ${eventsKey(page.events)} ${dashboardUrl(page.filters)}`, encoding, () => statisticsPage(page));
  }
}
