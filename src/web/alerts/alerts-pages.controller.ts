import { Controller, Get, Header, Req } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CaissesService } from '../../caisses/caisses.service';
import type { EnvironmentVariables } from '../../config/env';
import { StatsService } from '../../stats/stats.service';
import { absoluteUrl, HTML } from '../shared/page-reply';
import { alertsAtom, FundNames } from './alerts-feed';
import { alertsPage } from './alerts.page';

@ApiExcludeController()
@Controller('statistiques')
export class AlertsPagesController {
  constructor(
    private readonly statsService: StatsService,
    private readonly caissesService: CaissesService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  @Get('alertes')
  @Header('Content-Type', HTML)
  async page(): Promise<string> {
    return alertsPage(await this.statsService.alerts(), this.fundNames());
  }

  @Get('alertes.atom')
  @Header('Content-Type', 'application/atom+xml; charset=utf-8')
  async feed(@Req() request: FastifyRequest): Promise<string> {
    const baseUrl = absoluteUrl(request, '', this.config.get('PUBLIC_URL', { infer: true }));
    return alertsAtom(await this.statsService.alerts(), this.fundNames(), baseUrl.replace(/\/$/, ''));
  }

  private fundNames(): FundNames {
    return new Map(this.caissesService.findAll().map((caisse) => [caisse.code, caisse.name]));
  }
}
