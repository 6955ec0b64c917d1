import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassThrough, Readable } from 'node:stream';
import { AuditService } from '../audit/audit.service';
import type { EnvironmentVariables } from '../config/env';
import { sourceLine } from '../organisation/organisation-identity';
import { OrganisationService } from '../organisation/organisation.service';
import type { StatsResponse } from '../stats/stats.dto';
import { noSnapshotYet, StatsService } from '../stats/stats.service';
import type { TokenIdentity, TokenRole } from '../tokens/access-token.entity';
import { CSV_CONTENT_TYPE, CsvDialect, renderCsv, streamCsv } from './csv';
import { exportMetadata, methodSentences } from './export-metadata';
import { cubeColumns, cubeLine, ExportValue, statsTable } from './export-table';
import type { CubeFormat, StatsCsvQueryDto, StatsFormat } from './exports.dto';
import { PDF_CONTENT_TYPE, renderPdf } from './pdf';
import { renderXlsx, XLSX_CONTENT_TYPE } from './xlsx';
import { streamXlsx } from './xlsx-stream';

/** The roles that may download exports (API and /espace-syndical). */
export const EXPORT_ROLES: TokenRole[] = ['union', 'admin'];

export interface ExportFile {
  body: Buffer | string | Readable;
  contentType: string;
  /** ASCII only: `delais-ij-caisse-2026-2026-11-29.csv` */
  filename: string;
}

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const CONTENT_TYPES: Record<StatsFormat, string> = { csv: CSV_CONTENT_TYPE, xlsx: XLSX_CONTENT_TYPE, json: JSON_CONTENT_TYPE, pdf: PDF_CONTENT_TYPE };

/** A filename part from any text: ASCII letters, digits and dashes. */
function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}

/**
 * The union exports: figures come from StatsService only (so through disclosure control), each
 * download is written to the audit log. Tables are rendered in memory; the cube is streamed.
 */
@Injectable()
export class ExportsService {
  private readonly logger = new Logger(ExportsService.name);

  constructor(
    private readonly statsService: StatsService,
    private readonly auditService: AuditService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
    private readonly organisation: OrganisationService,
  ) {}

  /** One /api/stats table as a file; audited before it is handed out. */
  async exportStats(format: StatsFormat, dto: StatsCsvQueryDto, token: TokenIdentity): Promise<ExportFile> {
    const { dialect, ...query } = dto;
    const stats = await this.statsService.getStats(query);
    const generatedAt = new Date().toISOString();
    const body = await this.renderStats(format, stats, token, generatedAt, dialect ?? 'excel-fr');
    const audited = format === 'csv' ? { ...stats.query, dialect: dialect ?? 'excel-fr' } : stats.query;
    await this.auditService.record({ token, action: `exports.stats.${format}`, query: audited, rowCount: stats.rows.length });
    const place = stats.query.region ?? stats.query.departement ?? stats.query.caisse;
    const name = ['delais-ij', stats.query.groupBy, stats.query.period, stats.query.kind, place, generatedAt.slice(0, 10)]
      .filter((part) => part !== undefined)
      .map(slug)
      .join('-');
    return { body, contentType: CONTENT_TYPES[format], filename: `${name}.${format}` };
  }

  /**
   * Every cell of the snapshot as a long table, streamed. The audit entry is written when the
   * stream has read its last cell (or stops early), with the number of cells read.
   */
  async exportCube(format: CubeFormat, dialect: CsvDialect | undefined, token: TokenIdentity): Promise<ExportFile> {
    const snapshot = await this.statsService.getSnapshotInfo();
    if (!snapshot) throw noSnapshotYet();
    const generatedAt = new Date().toISOString();
    const thresholdDays = this.config.get('THRESHOLD_DAYS', { infer: true });
    const minGroupSize = this.config.get('MIN_GROUP_SIZE', { infer: true });
    const metadata = exportMetadata({
      token,
      source: this.organisation.identity(),
      snapshotAt: snapshot.snapshotAt,
      generatedAt,
      thresholdDays,
      minGroupSize,
      rowCount: snapshot.cells,
    });
    const action = `exports.cube.${format}`;
    const lines = this.auditedCubeLines(action, format === 'csv' ? { dialect: dialect ?? 'excel-fr' } : {}, token);
    const onError = (error: Error) => this.logger.error(`${action} failed: ${error.message}`);
    const filename = `delais-ij-cube-${generatedAt.slice(0, 10)}.${format}`;
    if (format === 'csv') {
      const body = streamCsv(cubeColumns(thresholdDays), lines, metadata, dialect ?? 'excel-fr').on('error', onError);
      return { body, contentType: CSV_CONTENT_TYPE, filename };
    }
    const output = new PassThrough();
    streamXlsx(cubeColumns(thresholdDays), lines, metadata, 'Cube', output).catch((error: Error) => {
      onError(error);
      output.destroy(error);
    });
    return { body: output, contentType: XLSX_CONTENT_TYPE, filename };
  }

  private async *auditedCubeLines(action: string, query: Record<string, string>, token: TokenIdentity): AsyncIterable<ExportValue[]> {
    let rowCount = 0;
    try {
      for await (const row of this.statsService.streamCube()) {
        rowCount++;
        yield cubeLine(row);
      }
    } finally {
      await this.auditService.record({ token, action, query, rowCount });
    }
  }

  private async renderStats(
    format: StatsFormat,
    stats: StatsResponse,
    token: TokenIdentity,
    generatedAt: string,
    dialect: CsvDialect,
  ): Promise<Buffer | string> {
    const source = this.organisation.identity();
    if (format === 'json')
      return JSON.stringify({ ...stats, generatedAt, method: methodSentences(stats.thresholdDays, stats.minGroupSize), source: sourceLine(source) });
    if (format === 'pdf') return renderPdf({ stats, organisation: token.organisation, source: sourceLine(source), generatedAt });
    const metadata = exportMetadata({
      token,
      source,
      query: stats.query,
      snapshotAt: stats.snapshotAt,
      generatedAt,
      thresholdDays: stats.thresholdDays,
      minGroupSize: stats.minGroupSize,
      rowCount: stats.rows.length,
    });
    const table = statsTable(stats);
    return format === 'csv' ? renderCsv(table, metadata, dialect) : renderXlsx(table, metadata, 'Statistiques');
  }
}
