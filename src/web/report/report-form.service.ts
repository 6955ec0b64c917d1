import { Injectable } from '@nestjs/common';
import { ProofOfWorkService } from '../../abuse/proof-of-work.service';
import type { ReportSource } from '../../abuse/report-screening.service';
import { CaissesService } from '../../caisses/caisses.service';
import { CreateReportDto, ReportResponse } from '../../reports/reports.dto';
import { ReportsService } from '../../reports/reports.service';
import { FundOption, fundOptions } from '../../presentation/french-labels';
import { FieldErrors, frenchErrorsOf, validateLikeTheApi } from '../shared/form-errors';
import { FormBody, formText } from '../shared/form-parser';
import { readReportForm, REPORT_FIELD_ANCHORS, REPORT_FORM_MESSAGES, ReportFormValues, toCreateReportBody } from './report-form';

export type SubmitOutcome = { receipt: string; report: ReportResponse } | { values: ReportFormValues; errors: FieldErrors };

/**
 * /signaler's way into the reports: form fields in, the same DTOs, rules and ReportsService as
 * the JSON API, French messages out.
 */
@Injectable()
export class ReportFormService {
  constructor(
    private readonly reportsService: ReportsService,
    private readonly caissesService: CaissesService,
    private readonly proofOfWork: ProofOfWorkService,
  ) {}

  /** Whether the form shows the ALTCHA widget. */
  get proofOfWorkRequired(): boolean {
    return this.proofOfWork.required;
  }

  fundOptions(): FundOption[] {
    return fundOptions(this.caissesService.findAll());
  }

  async submit(form: FormBody, source: ReportSource): Promise<SubmitOutcome> {
    const values = readReportForm(form);
    const { dto, errors } = await validateLikeTheApi(CreateReportDto, toCreateReportBody(values), REPORT_FORM_MESSAGES);
    // Checked here too so that every error shows at once, not the fund's after the others.
    if (values.caisseCode !== '' && !this.caissesService.exists(values.caisseCode)) {
      errors.caisseCode = REPORT_FORM_MESSAGES.caisseCode['*'];
    }
    // "Payé le" without a date: the API would read it as "still waiting", the person meant otherwise.
    if (values.paymentStatus === 'paid' && values.firstPaidOn === '') {
      errors.firstPaidOn = REPORT_FORM_MESSAGES.firstPaidOn.isCalendarDate;
    }
    // A date typed under "Pas encore payé" (possible without JavaScript): ask rather than guess.
    if (values.paymentStatus === 'waiting' && values.firstPaidOn !== '') {
      errors.firstPaidOn = REPORT_FORM_MESSAGES.firstPaidOn.dateWhileWaiting;
    }
    if (Object.keys(errors).length > 0) return { values, errors: inFormOrder(errors) };
    try {
      // The widget's solution, when JavaScript ran; the service flags the report when it is absent.
      const created = await this.reportsService.create(Object.assign(dto, altchaOf(form)), undefined, source);
      return { receipt: created.receipt, report: created };
    } catch (error) {
      const serviceErrors = frenchErrorsOf(error, REPORT_FORM_MESSAGES);
      if (serviceErrors) return { values, errors: serviceErrors };
      throw error;
    }
  }
}

/** The errors in the order of the form's fields, so the summary reads top to bottom. */
function inFormOrder(errors: FieldErrors): FieldErrors {
  const order = Object.keys(REPORT_FIELD_ANCHORS);
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)));
}

function altchaOf(form: FormBody): { altcha?: string } {
  const altcha = formText(form, 'altcha');
  return altcha === '' ? {} : { altcha };
}
