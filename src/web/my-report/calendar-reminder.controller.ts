import { Controller, Get, Header, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EnvironmentVariables } from '../../config/env';
import { parisToday } from '../../config/paris-date';
import { absoluteUrl, answerPrivately } from '../shared/page-reply';
import { calendarReminder } from './calendar-reminder';

/** /rappel.ics: two reminders to come back to /mon-signalement. */
@ApiExcludeController()
@Controller('rappel.ics')
export class CalendarReminderController {
  constructor(private readonly config: ConfigService<EnvironmentVariables, true>) {}

  /** Built from today's date only, so the URL and the file carry nothing about any report. */
  @Get()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="rappel-delais-ij.ics"')
  reminder(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): string {
    answerPrivately(reply);
    return calendarReminder(parisToday(), absoluteUrl(request, '/mon-signalement', this.config.get('PUBLIC_URL', { infer: true })));
  }
}
