import { Body, Controller, Get, Header, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { reportSourceOf } from '../../abuse/report-screening.service';
import { parisToday } from '../../config/paris-date';
import type { FormBody } from '../shared/form-parser';
import { answerPrivately, HTML } from '../shared/page-reply';
import { HelpService } from '../help/help.service';
import { EMPTY_REPORT_FORM } from './report-form';
import { receiptPage } from './receipt.page';
import { reportFormPage } from './report-form.page';
import { ReportFormService } from './report-form.service';

/** /signaler: the form, then the receipt. */
@ApiExcludeController()
@Controller('signaler')
export class ReportPagesController {
  constructor(
    private readonly reportFormService: ReportFormService,
    private readonly helpService: HelpService,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  form(): string {
    return reportFormPage(this.reportFormService.fundOptions(), EMPTY_REPORT_FORM, {}, parisToday(), this.reportFormService.proofOfWorkRequired);
  }

  // The form body is parsed here (not by the global pipe): fields arrive as strings.
  @Post()
  @Header('Content-Type', HTML)
  async submit(@Body() form: FormBody, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const outcome = await this.reportFormService.submit(form ?? {}, reportSourceOf(request, true));
    if ('receipt' in outcome) {
      answerPrivately(reply);
      return receiptPage(outcome.receipt, await this.helpService.sectionsUnderNewReceipt(outcome.report, outcome.receipt));
    }
    answerPrivately(reply, 400);
    return reportFormPage(this.reportFormService.fundOptions(), outcome.values, outcome.errors, parisToday(), this.reportFormService.proofOfWorkRequired);
  }
}
