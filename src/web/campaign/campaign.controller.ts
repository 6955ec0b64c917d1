import { Controller, Get, Header, Req } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { EnvironmentVariables } from '../../config/env';
import { absoluteUrl } from '../shared/page-reply';
import { CampaignService } from './campaign.service';

/** The printable poster and leaflet, linked from /espace-syndical: public, no token (they are handed out). */
@ApiExcludeController()
@Controller('espace-syndical')
export class CampaignController {
  constructor(
    private readonly campaign: CampaignService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  @Get('affiche.pdf')
  @Header('Content-Type', 'application/pdf')
  @Header('Content-Disposition', 'attachment; filename="affiche-delais-ij.pdf"')
  poster(@Req() request: FastifyRequest): Promise<Buffer> {
    return this.campaign.material('poster', this.origin(request));
  }

  @Get('tract.pdf')
  @Header('Content-Type', 'application/pdf')
  @Header('Content-Disposition', 'attachment; filename="tract-delais-ij.pdf"')
  leaflet(@Req() request: FastifyRequest): Promise<Buffer> {
    return this.campaign.material('leaflet', this.origin(request));
  }

  /** PUBLIC_URL, else the address the request came to: where the QR code must lead. */
  private origin(request: FastifyRequest): string {
    // An empty variable is unset (validateEnvironment), though ConfigService would return the raw ''.
    return absoluteUrl(request, '', this.config.get('PUBLIC_URL', { infer: true }) || undefined);
  }
}
