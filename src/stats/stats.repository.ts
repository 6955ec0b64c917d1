import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import { AllowanceKind } from '../reports/report.entity';
import { CoarseFigures, PreviousCell, ProtectedCell } from './disclosure-control';
import { DurationHistogram } from './kaplan-meier';
import { BaseCell, SKETCH_BUCKETS } from './stats-cube-builder';
import { CaisseGeography, CellCoordinates, cellKey, GeographyLevel, KindValue, PeriodLevel } from './stats-cube';

// All statistics SQL. The refresh reads report_facts three times (durations, fund durations,
// consequences and change sketches), each aggregated to (fund, kind, leave month): additive
// pieces that the cube builder sums in Node. Requests read stats_cells only.

const REFRESH_LOCK_KEY = 7_240_002; // pg_advisory_lock key: one refresh at a time across instances
const WRITE_BATCH = 5_000;

// Per (fund, kind, month): the histogram of (duration, paid) as three parallel arrays.
const histogramQuery = (durationColumn: string) => `
  SELECT caisse_code AS caisse, allowance_kind AS kind, to_char(leave_month, 'YYYY-MM') AS month,
         array_agg(duration ORDER BY duration) AS times,
         array_agg(events ORDER BY duration) AS events,
         array_agg(censored ORDER BY duration) AS censored
  FROM (
    SELECT caisse_code, allowance_kind, leave_month, ${durationColumn} AS duration,
           count(*) FILTER (WHERE paid)::int AS events, count(*) FILTER (WHERE NOT paid)::int AS censored
    FROM report_facts
    WHERE ${durationColumn} IS NOT NULL
    GROUP BY 1, 2, 3, 4
  ) histogram
  GROUP BY 1, 2, 3`;
const SELECT_DURATION_HISTOGRAMS = histogramQuery('duration_days');
const SELECT_FUND_DURATION_HISTOGRAMS = histogramQuery('fund_duration_days');

const bucketCounts = (column: string) =>
  Array.from({ length: SKETCH_BUCKETS }, (_, bucket) => `count(*) FILTER (WHERE ${column} = ${bucket})`).join(', ');
// Consequence counts, and the change sketch: reports counted by a hash of their id, and by a
// hash of their id with everything they contribute (disclosure-control.ts, changesBetween).
const SELECT_CONSEQUENCES_AND_SKETCHES = `
  SELECT caisse_code AS caisse, allowance_kind AS kind, to_char(leave_month, 'YYYY-MM') AS month,
         ARRAY[count(*) FILTER (WHERE cardinality(consequences) > 0),
               count(*) FILTER (WHERE 'overdraft' = ANY (consequences)),
               count(*) FILTER (WHERE 'unpaid_bills' = ANY (consequences)),
               count(*) FILTER (WHERE 'borrowed' = ANY (consequences)),
               count(*) FILTER (WHERE 'emergency_aid' = ANY (consequences)),
               count(*) FILTER (WHERE 'none' = ANY (consequences))]::int4[] AS consequences,
         ARRAY[${bucketCounts('id_bucket')}, ${bucketCounts('content_bucket')}]::int4[] AS sketch
  FROM (
    SELECT caisse_code, allowance_kind, leave_month, consequences,
           hashtext(id::text) & ${SKETCH_BUCKETS - 1} AS id_bucket,
           hashtext(concat_ws(':', id, duration_days, paid, fund_duration_days, consequences)) & ${SKETCH_BUCKETS - 1} AS content_bucket
    FROM report_facts
  ) facts
  GROUP BY 1, 2, 3`;

const SELECT_GEOGRAPHY = `SELECT code, name, departements, region FROM caisses ORDER BY code`;
const SELECT_LATEST_SNAPSHOT = `SELECT id, created_at, reports, cells, duration_ms FROM stats_snapshots ORDER BY id DESC LIMIT 1`;
const SELECT_SNAPSHOT_CELLS_FOR_REFRESH = `
  SELECT geo_level, geo_code, kind, period_level, period, figures, sketch FROM stats_cells WHERE snapshot_id = $1`;
const INSERT_SNAPSHOT = `INSERT INTO stats_snapshots (reports, cells, duration_ms) VALUES ($1, $2, $3) RETURNING id, created_at`;
const INSERT_CELLS = `
  INSERT INTO stats_cells (snapshot_id, cell, geo_level, geo_code, kind, period_level, period, suppressed,
                           fund_part_suppressed, consequences_suppressed, figures, sketch)
  SELECT $1, cell, geo_level, geo_code, kind, period_level, period, suppressed, fund_part_suppressed,
         consequences_suppressed, figures::jsonb, sketch::int4[]
  FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[],
              $9::boolean[], $10::boolean[], $11::text[], $12::text[])
       AS cells (cell, geo_level, geo_code, kind, period_level, period, suppressed, fund_part_suppressed,
                 consequences_suppressed, figures, sketch)`;
// Keep the previous snapshot one refresh longer for readers that started on it.
const DELETE_OLD_SNAPSHOTS = `DELETE FROM stats_snapshots WHERE id < (SELECT max(id) FROM stats_snapshots WHERE id < $1)`;
// One statement: the newest snapshot and its cells in one MVCC view, even while a refresh commits.
const SELECT_CELLS = `
  SELECT s.id AS snapshot_id, s.created_at, c.cell, c.geo_level, c.geo_code, c.kind, c.period_level, c.period,
         c.suppressed, c.fund_part_suppressed, c.consequences_suppressed, c.figures
  FROM (${SELECT_LATEST_SNAPSHOT}) s
  LEFT JOIN stats_cells c ON c.snapshot_id = s.id AND c.cell = ANY ($1::text[])`;
const SELECT_CELL_PAGE = `
  SELECT cell, geo_level, geo_code, kind, period_level, period, suppressed, fund_part_suppressed,
         consequences_suppressed, figures
  FROM stats_cells WHERE snapshot_id = $1 AND cell > $2 ORDER BY cell LIMIT $3`;

export interface SnapshotRow {
  id: string;
  createdAt: Date;
  reports: number;
  cells: number;
  durationMs: number;
}

export type StoredCell = Omit<ProtectedCell, 'sketch'> & { cell: string };

interface CellRow {
  cell: string;
  geo_level: GeographyLevel;
  geo_code: string;
  kind: KindValue;
  period_level: PeriodLevel;
  period: string;
  suppressed: boolean;
  fund_part_suppressed: boolean;
  consequences_suppressed: boolean;
  figures: CoarseFigures;
}

@Injectable()
export class StatsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` holding the refresh lock on one connection; null when another refresh holds it. */
  async withRefreshLock<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [REFRESH_LOCK_KEY]);
      if (!locked) return null;
      try {
        return await work(runner);
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [REFRESH_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }

  async loadGeography(runner: QueryRunner): Promise<CaisseGeography[]> {
    return runner.query(SELECT_GEOGRAPHY);
  }

  /** The base cells of the cube: one per (fund, kind, leave month) with at least one report. */
  async loadBaseCells(runner: QueryRunner): Promise<BaseCell[]> {
    type HistogramRow = { caisse: string; kind: AllowanceKind; month: string; times: number[]; events: number[]; censored: number[] };
    const cells = new Map<string, BaseCell>();
    const cellOf = (row: { caisse: string; kind: AllowanceKind; month: string }): BaseCell => {
      const key = `${row.caisse}|${row.kind}|${row.month}`;
      let cell = cells.get(key);
      if (!cell) {
        cell = { caisse: row.caisse, kind: row.kind, month: row.month, main: emptyHistogram(), fund: emptyHistogram(), consequences: new Int32Array(6), sketch: new Int32Array(2 * SKETCH_BUCKETS) };
        cells.set(key, cell);
      }
      return cell;
    };
    for (const row of (await runner.query(SELECT_DURATION_HISTOGRAMS)) as HistogramRow[]) cellOf(row).main = toHistogram(row);
    for (const row of (await runner.query(SELECT_FUND_DURATION_HISTOGRAMS)) as HistogramRow[]) cellOf(row).fund = toHistogram(row);
    const extras: { caisse: string; kind: AllowanceKind; month: string; consequences: number[]; sketch: number[] }[] =
      await runner.query(SELECT_CONSEQUENCES_AND_SKETCHES);
    for (const row of extras) {
      const cell = cellOf(row);
      cell.consequences = Int32Array.from(row.consequences);
      cell.sketch = Int32Array.from(row.sketch);
    }
    return [...cells.values()];
  }

  async findLatestSnapshot(runner?: QueryRunner): Promise<SnapshotRow | null> {
    const rows = await (runner ?? this.dataSource).query(SELECT_LATEST_SNAPSHOT);
    return rows.length === 0 ? null : toSnapshot(rows[0]);
  }

  /** The previous publication of every cell, keyed by cell, for the "at least 5 changes" rule. */
  async loadPublishedCells(runner: QueryRunner, snapshotId: string): Promise<Map<string, CellCoordinates & PreviousCell>> {
    const rows: (Omit<CellRow, 'cell' | 'suppressed' | 'fund_part_suppressed' | 'consequences_suppressed'> & { sketch: number[] })[] =
      await runner.query(SELECT_SNAPSHOT_CELLS_FOR_REFRESH, [snapshotId]);
    const cells = new Map<string, CellCoordinates & PreviousCell>();
    for (const row of rows) {
      const coordinates = { geoLevel: row.geo_level, geoCode: row.geo_code, kind: row.kind, periodLevel: row.period_level, period: row.period };
      cells.set(cellKey(coordinates), { ...coordinates, figures: row.figures, sketch: row.sketch });
    }
    return cells;
  }

  /** Writes a whole snapshot in one transaction: readers see the previous one until it commits. */
  async writeSnapshot(runner: QueryRunner, cells: ProtectedCell[], reports: number, durationMs: number): Promise<SnapshotRow> {
    await runner.startTransaction();
    try {
      const [inserted] = await runner.query(INSERT_SNAPSHOT, [reports, cells.length, durationMs]);
      for (let start = 0; start < cells.length; start += WRITE_BATCH) {
        const batch = cells.slice(start, start + WRITE_BATCH);
        await runner.query(INSERT_CELLS, [
          inserted.id,
          batch.map(cellKey),
          batch.map((cell) => cell.geoLevel),
          batch.map((cell) => cell.geoCode),
          batch.map((cell) => cell.kind),
          batch.map((cell) => cell.periodLevel),
          batch.map((cell) => cell.period),
          batch.map((cell) => cell.suppressed),
          batch.map((cell) => cell.fundPartSuppressed),
          batch.map((cell) => cell.consequencesSuppressed),
          batch.map((cell) => JSON.stringify(cell.figures)),
          batch.map((cell) => `{${cell.sketch.join(',')}}`),
        ]);
      }
      await runner.query(DELETE_OLD_SNAPSHOTS, [inserted.id]);
      await runner.commitTransaction();
      return { id: String(inserted.id), createdAt: inserted.created_at, reports, cells: cells.length, durationMs };
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
  }

  /** The newest snapshot and those of `cells` it holds; null before the first refresh. */
  async findCells(cells: string[]): Promise<{ snapshot: { id: string; createdAt: Date }; cells: StoredCell[] } | null> {
    const rows: (CellRow & { snapshot_id: string; created_at: Date })[] = await this.dataSource.query(SELECT_CELLS, [cells]);
    if (rows.length === 0) return null;
    return {
      snapshot: { id: String(rows[0].snapshot_id), createdAt: rows[0].created_at },
      cells: rows.filter((row) => row.cell !== null).map(toStoredCell),
    };
  }

  /** Every cell of the newest snapshot, in pages, inside one repeatable-read transaction. */
  async *streamCells(pageSize: number): AsyncGenerator<{ snapshot: SnapshotRow; cells: StoredCell[] }> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      const snapshot = await this.findLatestSnapshot(runner);
      if (snapshot) {
        let after = '';
        for (;;) {
          const rows: CellRow[] = await runner.query(SELECT_CELL_PAGE, [snapshot.id, after, pageSize]);
          if (rows.length === 0) break;
          yield { snapshot, cells: rows.map(toStoredCell) };
          after = rows[rows.length - 1].cell;
        }
      }
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }
}

function emptyHistogram(): DurationHistogram {
  return { times: new Int32Array(0), events: new Int32Array(0), censored: new Int32Array(0) };
}

function toHistogram(row: { times: number[]; events: number[]; censored: number[] }): DurationHistogram {
  return { times: Int32Array.from(row.times), events: Int32Array.from(row.events), censored: Int32Array.from(row.censored) };
}

function toSnapshot(row: { id: string; created_at: Date; reports: number; cells: number; duration_ms: number }): SnapshotRow {
  return { id: String(row.id), createdAt: row.created_at, reports: row.reports, cells: row.cells, durationMs: row.duration_ms };
}

function toStoredCell(row: CellRow): StoredCell {
  return {
    cell: row.cell,
    geoLevel: row.geo_level,
    geoCode: row.geo_code,
    kind: row.kind,
    periodLevel: row.period_level,
    period: row.period,
    suppressed: row.suppressed,
    fundPartSuppressed: row.fund_part_suppressed,
    consequencesSuppressed: row.consequences_suppressed,
    figures: row.figures,
  };
}
