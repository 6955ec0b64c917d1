import { Injectable } from '@nestjs/common';
import { ProofOfWorkService } from '../abuse/proof-of-work.service';
import type { ReportSource } from '../abuse/report-screening.service';
import { ApiError } from '../common/api-error';
import { CaissesService } from '../caisses/caisses.service';
import { normaliseReceipt } from '../reports/receipts';
import { CoarsenedReportResponse, CreateReportDto, ReportResponse, UpdateReportDto } from '../reports/reports.dto';
import { ReportsService } from '../reports/reports.service';
import { FieldErrors, frenchErrorsOf, validateLikeTheApi } from './form-errors';
import { FormBody, formText } from './form-parser';
import { FundOption, fundOptions } from '../presentation/french-labels';
import { readReportForm, REPORT_FIELD_ANCHORS, REPORT_FORM_MESSAGES, ReportFormValues, toCreateReportBody } from './report-form';

export type SubmitOutcome = { receipt: string } | { values: ReportFormValues; errors: FieldErrors };

/** What /mon-signalement shows next. */
export type MyReportOutcome =
  | { kind: 'unknown-receipt'; typed: string }
  | { kind: 'report'; receipt: string; report: ReportResponse | CoarsenedReportResponse; fundName: string; notice?: string; errors?: FieldErrors; typedPaidOn?: string }
  | { kind: 'confirm-erase'; receipt: string }
  | { kind: 'erased' };

/**
 * The pages' way into the reports: form fields in, the same DTOs, rules and ReportsService as
 * the JSON API, French messages out.
 */
@Injectable()
export class WebReportsService {
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
      return { receipt: created.receipt };
    } catch (error) {
      const serviceErrors = frenchErrorsOf(error, REPORT_FORM_MESSAGES);
      if (serviceErrors) return { values, errors: serviceErrors };
      throw error;
    }
  }

  async show(form: FormBody): Promise<MyReportOutcome> {
    const typed = formText(form, 'receipt');
    return this.withReport(typed, async (receipt, report) => ({ kind: 'report', receipt, report, fundName: report.fundName }));
  }

  async recordPayment(form: FormBody): Promise<MyReportOutcome> {
    const typedPaidOn = formText(form, 'firstPaidOn');
    return this.withReport(formText(form, 'receipt'), async (receipt, report) => {
      const messages = { firstPaidOn: REPORT_FORM_MESSAGES.firstPaidOn };
      const { dto, errors } = await validateLikeTheApi(UpdateReportDto, { firstPaidOn: typedPaidOn || undefined }, messages);
      if (typedPaidOn === '') errors.firstPaidOn = 'Indiquez la date à laquelle le premier paiement est arrivé.';
      if (Object.keys(errors).length > 0) return { kind: 'report', receipt, report, fundName: report.fundName, errors, typedPaidOn };
      try {
        const updated = await this.reportsService.update(receipt, dto);
        return { kind: 'report', receipt, report: updated, fundName: report.fundName, notice: 'Merci : la date du paiement est enregistrée.' };
      } catch (error) {
        const serviceErrors = frenchErrorsOf(error, messages);
        if (serviceErrors) return { kind: 'report', receipt, report, fundName: report.fundName, errors: serviceErrors, typedPaidOn };
        throw error;
      }
    });
  }

  async confirmStillWaiting(form: FormBody): Promise<MyReportOutcome> {
    return this.withReport(formText(form, 'receipt'), async (receipt, report) => {
      if (report.status === 'paid') {
        return { kind: 'report', receipt, report, fundName: report.fundName, notice: 'Ce signalement indique déjà un paiement : rien n’a été changé.' };
      }
      const updated = await this.reportsService.update(receipt, { stillWaiting: true });
      return { kind: 'report', receipt, report: updated, fundName: report.fundName, notice: 'Merci : votre attente est confirmée à la date d’aujourd’hui.' };
    });
  }

  /** Erasing takes two steps: the first asks to confirm, the second (confirm=oui) erases. */
  async erase(form: FormBody): Promise<MyReportOutcome> {
    const confirmed = formText(form, 'confirm') === 'oui';
    return this.withReport(formText(form, 'receipt'), async (receipt) => {
      if (!confirmed) return { kind: 'confirm-erase', receipt };
      await this.reportsService.remove(receipt);
      return { kind: 'erased' };
    });
  }

  // Every action starts from the receipt sent in the form; an unknown one gets the same answer
  // whatever the action.
  private async withReport(
    typed: string,
    action: (receipt: string, report: (ReportResponse | CoarsenedReportResponse) & { fundName: string }) => Promise<MyReportOutcome>,
  ): Promise<MyReportOutcome> {
    const normalised = normaliseReceipt(typed);
    const receipt = normalised ? normalised.match(/.{4}/g)!.join('-') : typed;
    let report: ReportResponse | CoarsenedReportResponse;
    try {
      report = await this.reportsService.findByReceipt(receipt);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'NOT_FOUND') return { kind: 'unknown-receipt', typed };
      throw error;
    }
    const fund = this.caissesService.findAll().find((caisse) => caisse.code === report.caisseCode);
    return action(receipt, { ...report, fundName: fund?.name ?? report.caisseCode });
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
