import { Injectable } from '@nestjs/common';
import { ApiError } from '../../common/api-error';
import { CaissesService } from '../../caisses/caisses.service';
import { normaliseReceipt } from '../../reports/receipts';
import { CoarsenedReportResponse, ReportResponse, UpdateReportDto } from '../../reports/reports.dto';
import { ReportsService } from '../../reports/reports.service';
import { REPORT_FORM_MESSAGES } from '../report/report-form';
import { FieldErrors, frenchErrorsOf, validateLikeTheApi } from '../shared/form-errors';
import { FormBody, formText } from '../shared/form-parser';

/** What /mon-signalement shows next. */
export type MyReportOutcome =
  | { kind: 'unknown-receipt'; typed: string }
  | {
      kind: 'report';
      receipt: string;
      report: ReportResponse | CoarsenedReportResponse;
      fundName: string;
      notice?: string;
      errors?: FieldErrors;
      typedPaidOn?: string;
    }
  | { kind: 'confirm-erase'; receipt: string }
  | { kind: 'erased' };

/**
 * /mon-signalement's way into the reports: the receipt from a hidden field, the same DTOs, rules
 * and ReportsService as the JSON API, French messages out (the date's wording is the form's).
 */
@Injectable()
export class MyReportService {
  constructor(
    private readonly reportsService: ReportsService,
    private readonly caissesService: CaissesService,
  ) {}

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
