import { Controller, Get, Header } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { EnvironmentVariables } from '../../config/env';
import { HTML } from './page-reply';
import { privacyPage } from './privacy.page';

/** /confidentialite, linked from every page's footer. */
@ApiExcludeController()
@Controller('confidentialite')
export class PrivacyPageController {
  constructor(private readonly config: ConfigService<EnvironmentVariables, true>) {}

  @Get()
  @Header('Content-Type', HTML)
  privacy(): string {
    return privacyPage(this.config.get('MIN_GROUP_SIZE', { infer: true }), this.config.get('BACKUP_RETENTION_DAYS', { infer: true }));
  }
}
