import { Body, Controller, Get, Header, HttpCode, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RateLimit } from '../../abuse/rate-limit.guard';
import { parisToday } from '../../config/paris-date';
import type { FormBody } from '../shared/form-parser';
import { answerPrivately, HTML } from '../shared/page-reply';
import { HelpService } from '../help/help.service';
import { confirmErasePage, erasedPage, myReportPage, receiptLookupPage } from './my-report.page';
import { MyReportOutcome, MyReportService } from './my-report.service';

/** /mon-signalement: every action is a POST whose receipt travels in a hidden field, never in a URL. */
@ApiExcludeController()
@Controller('mon-signalement')
export class MyReportPagesController {
  constructor(
    private readonly myReportService: MyReportService,
    private readonly helpService: HelpService,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  lookup(): string {
    return receiptLookupPage();
  }

  @RateLimit('receipts')
  @Post()
  @HttpCode(200)
  @Header('Content-Type', HTML)
  async show(@Body() form: FormBody, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return this.render(await this.myReportService.show(form ?? {}), reply);
  }

  @RateLimit('receipts')
  @Post('paiement')
  @HttpCode(200)
  @Header('Content-Type', HTML)
  async recordPayment(@Body() form: FormBody, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return this.render(await this.myReportService.recordPayment(form ?? {}), reply);
  }

  @RateLimit('receipts')
  @Post('en-attente')
  @HttpCode(200)
  @Header('Content-Type', HTML)
  async confirmStillWaiting(@Body() form: FormBody, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return this.render(await this.myReportService.confirmStillWaiting(form ?? {}), reply);
  }

  @RateLimit('receipts')
  @Post('effacer')
  @HttpCode(200)
  @Header('Content-Type', HTML)
  async erase(@Body() form: FormBody, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return this.render(await this.myReportService.erase(form ?? {}), reply);
  }

  // The report's page carries the help sections (web/help/), built from the report as it is now.
  private async render(outcome: MyReportOutcome, reply: FastifyReply): Promise<string> {
    switch (outcome.kind) {
      case 'unknown-receipt':
        answerPrivately(reply, 404);
        return receiptLookupPage(outcome.typed, true);
      case 'report': {
        answerPrivately(reply, outcome.errors ? 400 : 200);
        const help = await this.helpService.sections(outcome.report, outcome.receipt);
        return myReportPage(outcome.receipt, outcome.report, { ...outcome, today: parisToday(), help });
      }
      case 'confirm-erase':
        answerPrivately(reply);
        return confirmErasePage(outcome.receipt);
      case 'erased':
        answerPrivately(reply);
        return erasedPage();
    }
  }
}
