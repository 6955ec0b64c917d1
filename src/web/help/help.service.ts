import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiError, validationFailed } from '../../common/api-error';
import type { EnvironmentVariables } from '../../config/env';
import { parisToday } from '../../config/paris-date';
import { CaissesService } from '../../caisses/caisses.service';
import type { CoarsenedReportResponse, ReportResponse } from '../../reports/reports.dto';
import { html, SafeHtml } from '../../presentation/html';
import { FormBody, formText } from '../shared/form-parser';
import { MyReportService } from '../my-report/my-report.service';
import { adviceFor } from './advice';
import { FundFiguresService } from './fund-figures.service';
import { helpSections, HelpView } from './help-sections';
import { composeLetter, Letter } from './letter';
import { HELP_UNAVAILABLE, LETTER_KINDS, LetterKind } from './recourse-texts';
import { situationOf } from './situation';
import { OrganisationService } from '../../organisation/organisation.service';
import { UnionContact } from './union-contact';

export type LetterOutcome = { kind: 'unknown-receipt'; typed: string } | { kind: 'letter'; receipt: string; letter: Letter; union: UnionContact | null };

/** The help a report brings its author: where they stand, what to do, the letters. */
@Injectable()
export class HelpService {
  private readonly logger = new Logger(HelpService.name);

  constructor(
    private readonly fundFigures: FundFiguresService,
    private readonly caissesService: CaissesService,
    private readonly myReportService: MyReportService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
    private readonly organisation: OrganisationService,
  ) {}

  /** The union's contact shown by the help sections and the letter page: none until ORGANISATION_NAME is set. */
  get union(): UnionContact | null {
    const { name, email, phone, hours } = this.organisation.identity();
    return name === undefined ? null : { name, email, phone, hours };
  }

  async view(report: ReportResponse | CoarsenedReportResponse): Promise<HelpView> {
    const fundName = this.caissesService.findAll().find((caisse) => caisse.code === report.caisseCode)?.name ?? report.caisseCode;
    const situation = situationOf(report, fundName, parisToday());
    const figures = await this.fundFigures.forReport(situation.caisseCode, situation.kind, situation.leaveYear);
    return { situation, figures, advice: adviceFor(situation, this.config.get('THRESHOLD_DAYS', { infer: true })), union: this.union };
  }

  async sections(report: ReportResponse | CoarsenedReportResponse, receipt: string): Promise<SafeHtml> {
    return helpSections(await this.view(report), receipt);
  }

  /**
   * The help under a receipt just given: the report is already stored and the receipt is shown
   * only once, so a failure here (the database, the snapshot) must not cost the person their
   * receipt. It is logged once, without anything about the report, and a short note stands in.
   */
  async sectionsUnderNewReceipt(report: ReportResponse, receipt: string): Promise<SafeHtml> {
    try {
      return await this.sections(report, receipt);
    } catch (error) {
      this.logger.error(`help sections left out of a receipt page: ${error instanceof Error ? error.name : 'unknown error'}`);
      return html`<p class="note" data-help-unavailable>${HELP_UNAVAILABLE}</p>`;
    }
  }

  /**
   * A letter from the receipt and the letter's kind of a POST body. 400 names a missing receipt or
   * a wrong kind; a report that is paid, coarsened or subrogated has no letter to write (409).
   */
  async letter(form: FormBody): Promise<LetterOutcome> {
    const kind = formText(form, 'letter');
    if (!LETTER_KINDS.includes(kind as LetterKind)) {
      throw validationFailed('Invalid letter request', [{ field: 'letter', message: `must be one of ${LETTER_KINDS.join(', ')}` }]);
    }
    if (formText(form, 'receipt') === '') throw validationFailed('Invalid letter request', [{ field: 'receipt', message: 'is required' }]);
    const found = await this.myReportService.show(form);
    if (found.kind !== 'report') return { kind: 'unknown-receipt', typed: formText(form, 'receipt') };
    const view = await this.view(found.report);
    const situation = view.situation;
    if (situation.paid || situation.subrogation || situation.leaveStartedOn === null) {
      throw new ApiError(HttpStatus.CONFLICT, 'CONFLICT', 'This report has no letter to write', [
        { field: 'receipt', message: 'the report is paid, subrogated or closed' },
      ]);
    }
    return {
      kind: 'letter',
      receipt: found.receipt,
      letter: composeLetter(kind as LetterKind, { ...situation, leaveStartedOn: situation.leaveStartedOn }, view.figures),
      union: view.union,
    };
  }
}
