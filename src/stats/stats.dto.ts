import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import type { PublishedFigures } from './disclosure-control';
import { GROUP_BYS, KIND_VALUES } from './stats-cube';
import type { GroupBy, KindValue } from './stats-cube';

/** GET /api/stats query: one groupBy and fixed values of the other dimensions (no free date range). */
export class StatsQueryDto {
  @ApiPropertyOptional({ enum: GROUP_BYS, default: 'caisse' })
  @IsOptional()
  @IsIn(GROUP_BYS)
  groupBy?: GroupBy;

  @ApiPropertyOptional({ default: 'all', description: '`all`, a year (`2026`), a quarter (`2026-Q3`) or a month (`2026-09`), from 2015 on' })
  @IsOptional()
  @IsString()
  @Matches(/^(all|\d{4}|\d{4}-Q[1-4]|\d{4}-(0[1-9]|1[0-2]))$/, { message: 'must be all, YYYY, YYYY-Qn or YYYY-MM' })
  period?: string;

  @ApiPropertyOptional({ enum: KIND_VALUES, default: 'all' })
  @IsOptional()
  @IsIn(KIND_VALUES)
  kind?: KindValue;

  @ApiPropertyOptional({ example: 'Île-de-France', description: 'a region name as in GET /api/caisses' })
  @IsOptional()
  @IsString()
  region?: string;

  @ApiPropertyOptional({ example: '75', description: 'a département code served by a fund' })
  @IsOptional()
  @IsString()
  departement?: string;

  @ApiPropertyOptional({ example: '751', description: 'a fund code from GET /api/caisses' })
  @IsOptional()
  @IsString()
  caisse?: string;
}

/** The key of a row: `{ caisse, caisseName }`, `{ departement }`, `{ region }`, `{ kind }`, `{ month }`, `{ quarter }` or `{ year }`. */
export type StatsGroup = Record<string, string>;

export type StatsRow = { group: StatsGroup } & PublishedFigures;

export class StatsResponse {
  @ApiProperty({ example: '2026-11-29T10:00:00.000Z', description: 'when the snapshot read was computed' })
  snapshotAt: string;

  @ApiProperty({ example: 30 })
  thresholdDays: number;

  @ApiProperty({ example: 11 })
  minGroupSize: number;

  @ApiProperty({ example: { groupBy: 'caisse', period: '2026', kind: 'all' } })
  query: Record<string, string>;

  @ApiProperty({
    description: 'the cells one level below `total` along groupBy; cells without any report are left out',
    type: 'array',
    items: { type: 'object' },
  })
  rows: StatsRow[];

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the cell the filters select (figures, or `{ suppressed: true }`)' })
  total: PublishedFigures;
}

/** One cell of the protected snapshot, as the cube export lays it out. */
export type CubeRow = {
  geoLevel: string;
  geoCode: string;
  /** the fund's name for a caisse, else the code again */
  geoName: string;
  kind: KindValue;
  periodLevel: string;
  period: string;
} & PublishedFigures;

export interface RefreshSummary {
  /** false when nothing was done: another refresh was running (here or on another instance), or this release epoch is already published */
  refreshed: boolean;
  reason?: 'locked' | 'released-this-epoch';
  snapshotAt?: string;
  reports?: number;
  /** cells published (not suppressed) */
  cells?: number;
  /** cells given a new noisy release by this refresh (the others kept their previous one) */
  releasedCells?: number;
  durationMs: number;
  /** where the time went: reading report_facts, summing histograms and releasing cells (with loading the previous snapshot), writing */
  phasesMs?: { read: number; releases: number; write: number };
}

export interface SnapshotInfo {
  snapshotAt: string;
  /** cells published (not suppressed) */
  cells: number;
  durationMs: number;
}
