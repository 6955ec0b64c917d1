import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import type { PublishedFigures } from './disclosure-control';
import { KIND_VALUES } from './stats-cube';
import type { KindValue } from './stats-cube';
import type { CalibratedLogRank } from './release-calibration';
import type { ShareDifference } from './survival-comparison';

const WHOLE_PERIOD = /^(\d{4}|\d{4}-Q[1-4]|\d{4}-(0[1-9]|1[0-2]))$/;
const WHOLE_PERIOD_MESSAGE = 'must be a whole year (YYYY), quarter (YYYY-Qn) or month (YYYY-MM)';

/** GET /api/stats/compare: two whole periods of one selection, the earlier first. */
export class CompareQueryDto {
  @ApiProperty({ example: '2026-Q1', description: 'the earlier period: a year, a quarter or a month (never a range cut at a day)' })
  @IsString()
  @Matches(WHOLE_PERIOD, { message: WHOLE_PERIOD_MESSAGE })
  before: string;

  @ApiProperty({ example: '2026-Q2', description: 'the later period, not overlapping `before`' })
  @IsString()
  @Matches(WHOLE_PERIOD, { message: WHOLE_PERIOD_MESSAGE })
  after: string;

  @ApiPropertyOptional({ enum: KIND_VALUES, default: 'all' })
  @IsOptional()
  @IsIn(KIND_VALUES)
  kind?: KindValue;

  @ApiPropertyOptional({ example: 'Île-de-France' })
  @IsOptional()
  @IsString()
  region?: string;

  @ApiPropertyOptional({ example: '75' })
  @IsOptional()
  @IsString()
  departement?: string;

  @ApiPropertyOptional({ example: '751' })
  @IsOptional()
  @IsString()
  caisse?: string;
}

export interface Comparison {
  /** log-rank test of `after` against `before` (observed and expected are `before`'s), calibrated for the release noise */
  logRank: CalibratedLogRank | null;
  /** share unpaid after the threshold, `after` minus `before`, with its 95 % interval */
  shareDifference: ShareDifference | null;
}

export class CompareResponse {
  @ApiProperty({ example: '2026-11-29T10:00:00.000Z' })
  snapshotAt: string;

  @ApiProperty({ example: 30 })
  thresholdDays: number;

  @ApiProperty({ example: { before: '2026-Q1', after: '2026-Q2', kind: 'all', caisse: '751' } })
  query: Record<string, string>;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the earlier cell (figures, or `{ suppressed: true }`)' })
  before: PublishedFigures;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the later cell' })
  after: PublishedFigures;

  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: 'null when either side is suppressed: nothing is compared with a hidden cell',
  })
  comparison: Comparison | null;
}
