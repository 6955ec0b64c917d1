import { Controller, Get, Header, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EnvironmentVariables } from '../config/env';
import { parisToday } from '../config/paris-date';
import { calendarReminder } from './calendar-reminder';
import { HeadlineFigures } from './headline-figures';
import { absoluteUrl, answerPrivately, HTML } from './page-reply';
import { homePage } from './templates/home.page';
import { privacyPage } from './templates/privacy.page';

/** The informational pages and the calendar reminder. */
@ApiExcludeController()
@Controller()
export class PagesController {
  constructor(
    private readonly headlineFigures: HeadlineFigures,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  async home(): Promise<string> {
    return homePage(await this.headlineFigures.render());
  }

  @Get('confidentialite')
  @Header('Content-Type', HTML)
  privacy(): string {
    return privacyPage(this.config.get('MIN_GROUP_SIZE', { infer: true }), this.config.get('BACKUP_RETENTION_DAYS', { infer: true }));
  }

  /** Built from today's date only, so the URL and the file carry nothing about any report. */
  @Get('rappel.ics')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="rappel-delais-ij.ics"')
  reminder(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): string {
    answerPrivately(reply);
    return calendarReminder(parisToday(), absoluteUrl(request, '/mon-signalement', this.config.get('PUBLIC_URL', { infer: true })));
  }
}
