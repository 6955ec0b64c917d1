import { Body, Controller, Header, HttpCode, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RateLimit } from '../../abuse/rate-limit.guard';
import { notFound } from '../../common/api-error';
import type { FormBody } from '../shared/form-parser';
import { answerPrivately, HTML } from '../shared/page-reply';
import { receiptLookupPage } from '../my-report/my-report.page';
import { HelpService } from './help.service';
import { renderLetterPdf } from './letter-pdf';
import { letterPage } from './letter.page';

/**
 * The complaint and mediator letters: POSTs whose receipt travels in the body, never in a URL.
 * What a person types for their name, address and NIR stays in their browser (letter-boxes.js).
 */
@ApiExcludeController()
@Controller('mon-signalement')
export class LetterController {
  constructor(private readonly helpService: HelpService) {}

  @RateLimit('receipts')
  @Post('courrier')
  @HttpCode(200)
  @Header('Content-Type', HTML)
  async page(@Body() form: FormBody, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const outcome = await this.helpService.letter(form ?? {});
    if (outcome.kind === 'unknown-receipt') {
      answerPrivately(reply, 404);
      return receiptLookupPage(outcome.typed, true);
    }
    answerPrivately(reply);
    return letterPage(outcome.letter, outcome.receipt, outcome.union);
  }

  @RateLimit('receipts')
  @Post('courrier.pdf')
  @HttpCode(200)
  async pdf(@Body() form: FormBody, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const outcome = await this.helpService.letter(form ?? {});
    if (outcome.kind === 'unknown-receipt') throw notFound('No report for this receipt');
    answerPrivately(reply);
    void reply.header('Content-Type', 'application/pdf').header('Content-Disposition', `attachment; filename="courrier-${outcome.letter.kind}.pdf"`);
    return renderLetterPdf(outcome.letter);
  }
}
