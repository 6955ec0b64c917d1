import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import { proofAlreadyUsed, ReportScreeningService, ReportSource } from '../abuse/report-screening.service';
import { ApiError, ErrorDetail, notFound, validationFailed } from '../common/api-error';
import { CsvBody } from '../common/route-body-options';
import { parisToday } from '../config/paris-date';
import { AuditService } from '../audit/audit.service';
import { CaissesService } from '../caisses/caisses.service';
import type { TokenIdentity } from '../tokens/access-token.entity';
import { UNKNOWN_CAISSE, validateBulkReports } from './bulk-reports';
import { deriveIdempotencySecrets, fingerprintRequest, IdempotencySecrets, openResponse, sealResponse } from './idempotency';
import { runPrepared } from '../database/prepared-statements';
import { intakeParameters, IntakeOutcome, intakeStatement, LIVE_IDEMPOTENCY_KEY } from './intake-statement';
import { insertReportsSql, reportInsertValues } from './report-columns';
import { PRIVACY_NOTICE_VERSION } from './privacy-notice';
import { generateReceipt, hashReceipt, normaliseReceipt } from './receipts';
import { Report, ReportFields } from './report.entity';
import {
  BulkCreatedResponse,
  CoarsenedReportResponse,
  CreatedReportResponse,
  CreateReportDto,
  ReportResponse,
  toCoarsenedReportResponse,
  toReportResponse,
  UpdateReportDto,
} from './reports.dto';

const FIND_IDEMPOTENT_ANSWER = `
  SELECT request_hash, response FROM idempotency_keys
  WHERE key_hash = $1 AND ${LIVE_IDEMPOTENCY_KEY}`;

@Injectable()
export class ReportsService {
  constructor(
    @InjectRepository(Report) private readonly reportRepository: Repository<Report>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly caissesService: CaissesService,
    private readonly auditService: AuditService,
    private readonly reportScreening: ReportScreeningService,
  ) {}

  /**
   * One report. Anonymous ones need a proof of work (`altcha`, never stored nor part of the
   * idempotency fingerprint) and may be stored `flagged` by the abuse signals; the answer is the
   * same either way, so a bot does not learn which rule it tripped. The abuse bookkeeping commits
   * first, in a transaction of its own; the report then commits with its idempotency claim only,
   * so nothing links it to its sender (docs/privacy.md).
   */
  async create(dto: CreateReportDto, idempotencyKey: string | undefined, source: ReportSource): Promise<CreatedReportResponse> {
    if (!this.caissesService.exists(dto.caisseCode)) {
      throw validationFailed('Invalid report', [UNKNOWN_CAISSE]);
    }
    const { altcha, ...fields } = dto;
    const screening = await this.reportScreening.screen(fields, altcha, source);
    const { body, values } = newReport(fields);
    const claim = idempotencyKey === undefined ? undefined : idempotencyClaim(idempotencyKey, fields, body);
    const verdict = await this.reportScreening.record(screening);
    // A solution already used is refused, unless this is the retry of a request that used it and
    // succeeded: then the original answer is replayed, as for any idempotent retry.
    if (!verdict.proofAccepted) {
      if (claim === undefined) throw proofAlreadyUsed();
      return this.replay(claim.secrets, claim.requestHash, proofAlreadyUsed);
    }
    const intake = { report: values, reasons: verdict.reasons.length > 0 ? verdict.reasons.join('; ') : null, idempotency: claim };
    const [outcome] = await runPrepared<IntakeOutcome>(this.dataSource, intakeStatement(claim !== undefined), intakeParameters(intake));
    // A plain insert answers no row: it stored the report or threw.
    if (claim === undefined || outcome.stored) return body;
    // Same key, same body: the original answer, same id and receipt; nothing new is stored.
    return this.replay(claim.secrets, claim.requestHash);
  }

  /** Reports collected by a union office: validated first, then all stored in one statement or none. */
  async createMany(bulkBody: unknown, token: TokenIdentity): Promise<BulkCreatedResponse> {
    const dtos = await validateBulkReports(bulkBody, (code) => this.caissesService.exists(code));
    const created = dtos.map(newReport);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        insertReportsSql(created.length),
        created.flatMap((report) => report.values),
      );
      const format = bulkBody instanceof CsvBody ? 'csv' : 'json';
      await this.auditService.record({ token, action: 'reports.bulk', query: { format }, rowCount: created.length }, manager);
    });
    return { created: created.length, reports: created.map(({ body }) => ({ id: body.id, receipt: body.receipt })) };
  }

  private async replay(
    secrets: IdempotencySecrets,
    requestHash: Buffer,
    // Taken then expired or purged between our two statements: rare, and safe to retry.
    whenMissing: () => ApiError = () =>
      new ApiError(HttpStatus.CONFLICT, 'CONFLICT', 'A request with this Idempotency-Key is being processed; retry', undefined, 1),
  ): Promise<CreatedReportResponse> {
    const rows: { request_hash: Buffer; response: Buffer }[] = await this.dataSource.query(FIND_IDEMPOTENT_ANSWER, [secrets.lookupHash]);
    if (rows.length === 0) throw whenMissing();
    if (!rows[0].request_hash.equals(requestHash)) {
      throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'IDEMPOTENCY_MISMATCH', 'This Idempotency-Key was used with another body');
    }
    return openResponse<CreatedReportResponse>(secrets, rows[0].response);
  }

  async findByReceipt(receipt: string | undefined): Promise<ReportResponse | CoarsenedReportResponse> {
    const report = await this.loadByReceipt(receipt);
    return report.coarsened ? toCoarsenedReportResponse(report) : toReportResponse(report);
  }

  async update(receipt: string | undefined, dto: UpdateReportDto): Promise<ReportResponse> {
    const changes = definedFields(dto);
    if (changes.length === 0) {
      throw validationFailed('Invalid update', [{ field: 'body', message: 'must hold at least one field to change' }]);
    }
    if (dto.stillWaiting && changes.length > 1) {
      throw validationFailed('Invalid update', [{ field: 'stillWaiting', message: 'must be sent alone' }]);
    }
    const report = await this.loadByReceipt(receipt);
    if (report.coarsened) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'CONFLICT',
        'This report is settled and its dates were coarsened; it can no longer change (it can still be deleted)',
      );
    }
    if (dto.stillWaiting && report.firstPaidOn !== null) {
      throw new ApiError(HttpStatus.CONFLICT, 'CONFLICT', 'This report is already paid; send firstPaidOn: null to correct it');
    }
    const updated: Report = {
      ...report,
      firstPaidOn: dto.firstPaidOn === undefined ? report.firstPaidOn : dto.firstPaidOn,
      certificateSentOn: dto.certificateSentOn === undefined ? report.certificateSentOn : dto.certificateSentOn,
      subrogation: dto.subrogation ?? report.subrogation,
      consequences: dto.consequences ?? report.consequences,
      statusAsOf: parisToday(),
    };
    assertDatesAfterLeave(updated);
    await this.reportRepository.update(
      { id: report.id },
      {
        firstPaidOn: updated.firstPaidOn,
        certificateSentOn: updated.certificateSentOn,
        subrogation: updated.subrogation,
        consequences: updated.consequences,
        statusAsOf: updated.statusAsOf,
        // The same answer either way, as at intake.
        ...this.reportScreening.moderationAfterChange(updated),
      },
    );
    return toReportResponse(updated);
  }

  async remove(receipt: string | undefined): Promise<void> {
    const report = await this.loadByReceipt(receipt);
    await this.reportRepository.delete({ id: report.id });
  }

  // An unknown and a malformed receipt take the same path (one indexed lookup of a hash) and
  // get the same 404, so neither status nor timing tells whether a receipt exists.
  private async loadByReceipt(receipt: string | undefined): Promise<Report> {
    const normalised = receipt === undefined ? undefined : normaliseReceipt(receipt);
    const receiptHash = hashReceipt(normalised ?? randomBytes(16).toString('hex'));
    const report = await this.reportRepository.findOneBy({ receiptHash });
    if (!report || normalised === undefined) throw notFound('No report for this receipt');
    return report;
  }
}

function definedFields(dto: UpdateReportDto): string[] {
  return Object.entries(dto)
    .filter(([, value]) => value !== undefined)
    .map(([field]) => field);
}

function assertDatesAfterLeave(report: Report): void {
  const details: ErrorDetail[] = [];
  for (const field of ['certificateSentOn', 'firstPaidOn'] as const) {
    const value = report[field];
    if (value !== null && value < report.leaveStartedOn) {
      details.push({ field, message: `must not be before leaveStartedOn (${report.leaveStartedOn})` });
    }
  }
  if (details.length > 0) throw validationFailed('Invalid update', details);
}

/** What an Idempotency-Key claims: its lookup hash, the request's fingerprint and the sealed answer to replay. */
function idempotencyClaim(idempotencyKey: string, fields: Omit<CreateReportDto, 'altcha'>, body: CreatedReportResponse) {
  const secrets = deriveIdempotencySecrets(idempotencyKey);
  const requestHash = fingerprintRequest(secrets, fields);
  return { secrets, keyHash: secrets.lookupHash, requestHash, response: sealResponse(secrets, body) };
}

/** A new report from a validated request: its answer (with the receipt) and its INSERT values. */
function newReport(dto: Omit<CreateReportDto, 'altcha'>): { body: CreatedReportResponse; values: unknown[] } {
  const receipt = generateReceipt();
  const report: ReportFields = {
    id: randomUUID(),
    caisseCode: dto.caisseCode,
    allowanceKind: dto.allowanceKind,
    leaveStartedOn: dto.leaveStartedOn,
    certificateSentOn: dto.certificateSentOn ?? null,
    firstPaidOn: dto.firstPaidOn ?? null,
    subrogation: dto.subrogation ?? false,
    consequences: dto.consequences ?? [],
    statusAsOf: parisToday(),
    noticeVersion: PRIVACY_NOTICE_VERSION,
  };
  const values = reportInsertValues({ ...report, receiptHash: hashReceipt(normaliseReceipt(receipt)!) });
  return { body: { ...toReportResponse(report), receipt }, values };
}
