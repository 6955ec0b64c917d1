import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { OrganisationService } from '../../organisation/organisation.service';
import { HTML } from '../shared/page-reply';
import { legalNoticePage } from './legal-notice.page';

/** /mentions-legales: publisher, publication director, host (LCEN art. 6 III). */
@ApiExcludeController()
@Controller('mentions-legales')
export class LegalNoticeController {
  constructor(private readonly organisation: OrganisationService) {}

  @Get()
  @Header('Content-Type', HTML)
  legalNotice(): string {
    return legalNoticePage(this.organisation.identity());
  }
}
