import { Body, Controller, Get, Header, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { reportSourceOf } from '../abuse/report-screening.service';
import { parisToday } from '../config/paris-date';
import type { FormBody } from './form-parser';
import { answerPrivately, HTML } from './page-reply';
import { EMPTY_REPORT_FORM } from './report-form';
import { receiptPage } from './templates/receipt.page';
import { reportFormPage } from './templates/report-form.page';
import { WebReportsService } from './web-reports.service';

/** /signaler: the form, then the receipt. */
@ApiExcludeController()
@Controller('signaler')
export class ReportPagesController {
  constructor(private readonly webReportsService: WebReportsService) {}

  @Get()
  @Header('Content-Type', HTML)
  form(): string {
    return reportFormPage(this.webReportsService.fundOptions(), EMPTY_REPORT_FORM, {}, parisToday(), this.webReportsService.proofOfWorkRequired);
  }

  // The form body is parsed here (not by the global pipe): fields arrive as strings.
  @Post()
  @Header('Content-Type', HTML)
  async submit(@Body() form: FormBody, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const outcome = await this.webReportsService.submit(form ?? {}, reportSourceOf(request, true));
    if ('receipt' in outcome) {
      answerPrivately(reply);
      return receiptPage(outcome.receipt);
    }
    answerPrivately(reply, 400);
    return reportFormPage(this.webReportsService.fundOptions(), outcome.values, outcome.errors, parisToday(), this.webReportsService.proofOfWorkRequired);
  }
}
