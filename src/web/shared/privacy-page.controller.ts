import { Controller, Get, Header } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { EnvironmentVariables } from '../../config/env';
import { OrganisationService } from '../../organisation/organisation.service';
import type { NoticeSettings } from '../legal/legal-texts';
import { HTML } from './page-reply';
import { privacyPage } from './privacy.page';

/** /confidentialite, linked from every page's footer. */
@ApiExcludeController()
@Controller('confidentialite')
export class PrivacyPageController {
  constructor(
    private readonly config: ConfigService<EnvironmentVariables, true>,
    private readonly organisation: OrganisationService,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  privacy(): string {
    const setting = <K extends keyof NoticeSettings>(name: K) => this.config.get(name, { infer: true });
    const settings: NoticeSettings = {
      MIN_GROUP_SIZE: setting('MIN_GROUP_SIZE'),
      RETENTION_MONTHS: setting('RETENTION_MONTHS'),
      BACKUP_RETENTION_DAYS: setting('BACKUP_RETENTION_DAYS'),
      AUDIT_RETENTION_MONTHS: setting('AUDIT_RETENTION_MONTHS'),
      STATS_RELEASE_DAYS: setting('STATS_RELEASE_DAYS'),
    };
    return privacyPage(settings, this.organisation.identity());
  }
}
