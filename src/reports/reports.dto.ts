import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsBoolean, IsIn, IsOptional, IsString, Length, MaxLength, ValidateIf } from 'class-validator';
import { MAX_ALTCHA_LENGTH } from '../abuse/proof-of-work.service';
import { IsCalendarDate, IsNotBefore, IsNotInFuture } from '../common/date-validators';
import { daysBetween } from '../config/paris-date';
import { IsConsequenceList } from './consequences.validator';
import { ALLOWANCE_KINDS, CONSEQUENCES } from './report.entity';
import type { AllowanceKind, Consequence, Report, ReportFields } from './report.entity';

const FIRST_ACCEPTED_LEAVE = '2015-01-01';

export class CreateReportDto {
  @ApiProperty({ example: '751', description: 'a code from GET /api/caisses' })
  @IsString()
  @Length(3, 3)
  caisseCode: string;

  @ApiProperty({ enum: ALLOWANCE_KINDS, example: 'maladie' })
  @IsIn(ALLOWANCE_KINDS)
  allowanceKind: AllowanceKind;

  @ApiProperty({ format: 'date', example: '2026-09-01', description: 'first day of the leave' })
  @IsCalendarDate()
  @IsNotInFuture()
  @IsNotBefore({ date: FIRST_ACCEPTED_LEAVE })
  leaveStartedOn: string;

  @ApiPropertyOptional({ format: 'date', nullable: true, description: 'when the employer sent the attestation de salaire' })
  @IsOptional()
  @IsCalendarDate()
  @IsNotInFuture()
  @IsNotBefore({ property: 'leaveStartedOn' })
  certificateSentOn?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true, description: 'when the first IJ reached the account; absent = still waiting' })
  @IsOptional()
  @IsCalendarDate()
  @IsNotInFuture()
  @IsNotBefore({ property: 'leaveStartedOn' })
  firstPaidOn?: string | null;

  @ApiPropertyOptional({ default: false, description: 'the employer keeps paying the salary' })
  @IsOptional()
  @IsBoolean()
  subrogation?: boolean;

  @ApiPropertyOptional({ enum: CONSEQUENCES, isArray: true, description: 'distinct values; `none` alone' })
  @IsOptional()
  @IsConsequenceList()
  consequences?: Consequence[];

  @ApiProperty({ enum: [true], description: 'explicit consent to process this health-related information' })
  @Equals(true, { message: 'must be true: consent is required' })
  consent: true;

  @ApiPropertyOptional({
    description: 'a solved ALTCHA challenge from GET /api/pow-challenge (base64 JSON of { challenge, solution }); required without a token; never stored',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_ALTCHA_LENGTH)
  altcha?: string;
}

/** Any of the mutable fields, or `{ "stillWaiting": true }` alone. Dates may be null to clear them. */
export class UpdateReportDto {
  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  @IsNotInFuture()
  firstPaidOn?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  @IsNotInFuture()
  certificateSentOn?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  subrogation?: boolean;

  @ApiPropertyOptional({ enum: CONSEQUENCES, isArray: true })
  // Unlike other fields, null is refused: [] is how an answer is withdrawn.
  @ValidateIf((dto: UpdateReportDto) => dto.consequences !== undefined)
  @IsConsequenceList()
  consequences?: Consequence[];

  @ApiPropertyOptional({ enum: [true], description: 'confirms the report is still unpaid today; alone' })
  @IsOptional()
  @Equals(true)
  stillWaiting?: true;
}

export class ReportResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() caisseCode: string;
  @ApiProperty({ enum: ALLOWANCE_KINDS }) allowanceKind: AllowanceKind;
  @ApiProperty({ format: 'date' }) leaveStartedOn: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) certificateSentOn: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) firstPaidOn: string | null;
  @ApiProperty() subrogation: boolean;
  @ApiProperty({ enum: CONSEQUENCES, isArray: true }) consequences: Consequence[];
  @ApiProperty({ enum: ['paid', 'waiting'] }) status: 'paid' | 'waiting';
  @ApiProperty({ format: 'date' }) statusAsOf: string;
  @ApiProperty({ nullable: true, type: Number, description: 'firstPaidOn − leaveStartedOn, when paid' }) delayDays: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'statusAsOf − leaveStartedOn, when waiting' }) waitingDays: number | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '9dd598cc1cb2',
    description: 'version of the /confidentialite notice the report was given under; null for reports sent before it was recorded',
  })
  noticeVersion: string | null;
}

export class CreatedReportResponse extends ReportResponse {
  @ApiProperty({ example: 'K7QF-9XWD-M2PA-83TN', description: 'shown once: the only key to the report' })
  receipt: string;
}

export class BulkCreatedReport {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'K7QF-9XWD-M2PA-83TN', description: 'shown once: hand it to the person the report is about' })
  receipt: string;
}

export class BulkCreatedResponse {
  @ApiProperty({ example: 2 }) created: number;
  @ApiProperty({ type: [BulkCreatedReport], description: 'in the order of the rows sent' }) reports: BulkCreatedReport[];
}

export function toReportResponse(report: ReportFields): ReportResponse {
  const paid = report.firstPaidOn !== null;
  return {
    id: report.id,
    caisseCode: report.caisseCode,
    allowanceKind: report.allowanceKind,
    leaveStartedOn: report.leaveStartedOn,
    certificateSentOn: report.certificateSentOn,
    firstPaidOn: report.firstPaidOn,
    subrogation: report.subrogation,
    consequences: report.consequences,
    status: paid ? 'paid' : 'waiting',
    statusAsOf: report.statusAsOf,
    delayDays: paid ? daysBetween(report.leaveStartedOn, report.firstPaidOn as string) : null,
    waitingDays: paid ? null : daysBetween(report.leaveStartedOn, report.statusAsOf),
    noticeVersion: report.noticeVersion,
  };
}

/**
 * A settled report after the purge job coarsened it: the exact dates are gone for good, the
 * month of the leave and the delay (or the wait, when it was still unpaid) remain.
 */
export class CoarsenedReportResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() caisseCode: string;
  @ApiProperty({ enum: ALLOWANCE_KINDS }) allowanceKind: AllowanceKind;
  @ApiProperty({ enum: [true] }) coarsened: true;
  @ApiProperty({ example: '2025-03', description: 'month of the leave (YYYY-MM)' }) leaveMonth: string;
  @ApiProperty({ type: String, nullable: true, enum: [null] }) leaveStartedOn: null;
  @ApiProperty({ type: String, nullable: true, enum: [null] }) certificateSentOn: null;
  @ApiProperty({ type: String, nullable: true, enum: [null] }) firstPaidOn: null;
  @ApiProperty() subrogation: boolean;
  @ApiProperty({ enum: CONSEQUENCES, isArray: true }) consequences: Consequence[];
  @ApiProperty({ enum: ['paid', 'waiting'] }) status: 'paid' | 'waiting';
  @ApiProperty({ type: String, nullable: true, enum: [null] }) statusAsOf: null;
  @ApiProperty({ nullable: true, type: Number }) delayDays: number | null;
  @ApiProperty({ nullable: true, type: Number }) waitingDays: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'version of the /confidentialite notice the report was given under' }) noticeVersion: string | null;
}

export function toCoarsenedReportResponse(report: Report): CoarsenedReportResponse {
  const paid = report.coarsePaid === true;
  return {
    id: report.id,
    caisseCode: report.caisseCode,
    allowanceKind: report.allowanceKind,
    coarsened: true,
    leaveMonth: (report.coarseLeaveMonth as string).slice(0, 7),
    leaveStartedOn: null,
    certificateSentOn: null,
    firstPaidOn: null,
    subrogation: report.subrogation,
    consequences: report.consequences,
    status: paid ? 'paid' : 'waiting',
    statusAsOf: null,
    delayDays: paid ? report.coarseDurationDays : null,
    waitingDays: paid ? null : report.coarseDurationDays,
    noticeVersion: report.noticeVersion,
  };
}
