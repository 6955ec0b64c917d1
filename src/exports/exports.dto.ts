import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { StatsQueryDto } from '../stats/stats.dto';
import { CSV_DIALECTS } from './csv';
import type { CsvDialect } from './csv';

const DIALECT_DESCRIPTION = '`excel-fr` (default): `;` and decimal comma, for French Excel; `rfc4180`: `,` and `.`';

/** GET /api/exports/stats.csv: the /api/stats query and the CSV dialect. */
export class StatsCsvQueryDto extends StatsQueryDto {
  @ApiPropertyOptional({ enum: CSV_DIALECTS, default: 'excel-fr', description: DIALECT_DESCRIPTION })
  @IsOptional()
  @IsIn(CSV_DIALECTS)
  dialect?: CsvDialect;
}

/** GET /api/exports/cube.csv: the CSV dialect only (the cube has no filter). */
export class CubeCsvQueryDto {
  @ApiPropertyOptional({ enum: CSV_DIALECTS, default: 'excel-fr', description: DIALECT_DESCRIPTION })
  @IsOptional()
  @IsIn(CSV_DIALECTS)
  dialect?: CsvDialect;
}

export const STATS_FORMATS = ['csv', 'xlsx', 'json', 'pdf'] as const;
export type StatsFormat = (typeof STATS_FORMATS)[number];
export const CUBE_FORMATS = ['csv', 'xlsx'] as const;
export type CubeFormat = (typeof CUBE_FORMATS)[number];
