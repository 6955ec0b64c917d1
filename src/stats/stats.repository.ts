import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import { AllowanceKind } from '../reports/report.entity';
import { CoarseFigures, PreviousCell, ProtectedCell, StoredRelease } from './disclosure-control';
import { DelayBins } from './delay-bins';
import { consequenceMaskSql, fundFactSql, MAX_PACKED_DURATION, packFactSql, SKETCH_BUCKETS } from './report-fact-layout';
import { baseAggregate, BaseCell } from './stats-cube-builder';
import { CaisseGeography, CellCoordinates, cellKey, CubeIndex, GeographyLevel, KindValue, parseCellKey, PeriodLevel } from './stats-cube';

// All statistics SQL. The refresh reads report_facts once, aggregated to (fund, kind, leave
// month): additive pieces that the cube builder sums in Node. Requests read stats_cells only.

const REFRESH_LOCK_KEY = 7_240_002; // pg_advisory_lock key: one refresh at a time across instances
const REFRESH_STATEMENT_TIMEOUT = '10min';
const WRITE_BATCH = 20_000;

// One scan of report_facts, aggregated per (fund, kind, leave month). Each report travels as one
// packed integer (report-fact-layout.ts: parsing one array is much cheaper than many aggregates),
// its fund part as another. The id bucket (random bytes of the UUID) and the content bucket feed
// the change sketch; the two sums of content hashes (mod 2^32) are the base cell's content key,
// which seeds its noise (discrete-gaussian.ts).
const CONTENT_HASH = `(id_key::bigint << 32) # (duration_days::bigint << 12) # COALESCE(fund_duration_days, 4095)
                      # (consequence_mask::bigint << 26) # (paid::int::bigint << 31)`;
const SELECT_BASE_CELLS = `
  SELECT caisse_code AS caisse, allowance_kind AS kind, to_char(leave_month, 'YYYY-MM') AS month,
         array_agg(${packFactSql({
           duration: `LEAST(duration_days, ${MAX_PACKED_DURATION})`,
           paid: 'paid::int',
           consequenceMask: 'consequence_mask',
           idBucket: `id_key & ${SKETCH_BUCKETS - 1}`,
           contentBucket: `content_hash & ${SKETCH_BUCKETS - 1}`,
         })}) AS facts,
         array_agg(${fundFactSql('fund_duration_days', 'paid')}) AS fund_facts,
         (sum(content_hash::bigint & 4294967295) % 4294967296)::bigint AS content_key_a,
         (sum(hashint8extended(content_hash, 1) & 4294967295) % 4294967296)::bigint AS content_key_b
  FROM (
    SELECT *, hashint8(${CONTENT_HASH}) AS content_hash
    FROM (
      SELECT caisse_code, allowance_kind, leave_month, duration_days, paid, fund_duration_days,
             (get_byte(id_bytes, 12) << 24) | (get_byte(id_bytes, 13) << 16) | (get_byte(id_bytes, 14) << 8) | get_byte(id_bytes, 15) AS id_key,
             ${consequenceMaskSql('consequences')} AS consequence_mask
      FROM (SELECT *, uuid_send(id) AS id_bytes FROM report_facts) facts
    ) packed
  ) hashed
  GROUP BY 1, 2, 3`;

const SELECT_GEOGRAPHY = `SELECT code, name, departements, region FROM caisses ORDER BY code`;
const SELECT_LATEST_SNAPSHOT = `SELECT id, created_at, reports, cells, duration_ms, release_epoch FROM stats_snapshots ORDER BY id DESC LIMIT 1`;
// One row of arrays (and the sketches end to end in one bytea): far cheaper to parse than a row per cell.
// The aggregates see the rows in one same order.
const SELECT_CELLS_FOR_REFRESH = `
  SELECT array_agg(cell) AS cells,
         array_agg(suppressed) AS suppressed, array_agg(fund_part_suppressed) AS fund_part_suppressed,
         array_agg(consequences_suppressed) AS consequences_suppressed, string_agg(sketch, ''::bytea) AS sketches
  FROM stats_cells WHERE snapshot_id = $1`;
const INSERT_SNAPSHOT = `INSERT INTO stats_snapshots (reports, cells, duration_ms, release_epoch) VALUES ($1, $2, $3, $4) RETURNING id, created_at`;
// Cells travel as one JSON document per batch: much cheaper than one array parameter per column.
const INSERT_CELLS = `
  INSERT INTO stats_cells (snapshot_id, cell, geo_level, geo_code, kind, period_level, period, suppressed,
                           fund_part_suppressed, consequences_suppressed, reports, fund_reports, answered, figures, sketch)
  SELECT $1, cell, geo_level, geo_code, kind, period_level, period, suppressed, fund_part_suppressed,
         consequences_suppressed, reports, fund_reports, answered, figures, decode(sketch, 'hex')
  FROM json_to_recordset($2::json) AS cells (cell text, geo_level text, geo_code text, kind text, period_level text, period text,
       suppressed boolean, fund_part_suppressed boolean, consequences_suppressed boolean, reports int, fund_reports int,
       answered int, figures text, sketch text)`;
// Cells that keep their last release: copied from the previous snapshot as they were.
const COPY_KEPT_CELLS = `
  INSERT INTO stats_cells (snapshot_id, cell, geo_level, geo_code, kind, period_level, period, suppressed,
                           fund_part_suppressed, consequences_suppressed, reports, fund_reports, answered, figures, sketch)
  SELECT $1, old.cell, old.geo_level, old.geo_code, old.kind, old.period_level, old.period, old.suppressed,
         old.fund_part_suppressed, old.consequences_suppressed, old.reports, old.fund_reports, old.answered, old.figures, old.sketch
  FROM stats_cells old WHERE old.snapshot_id = $2 AND old.cell = ANY ($3::text[])`;
const OLDEST_KEPT_SNAPSHOT = `(SELECT max(id) FROM stats_snapshots WHERE id < $1)`;
const DELETE_OLD_CELLS = `DELETE FROM stats_cells WHERE snapshot_id < ${OLDEST_KEPT_SNAPSHOT}`;
const DELETE_OLD_SNAPSHOTS = `DELETE FROM stats_snapshots WHERE id < ${OLDEST_KEPT_SNAPSHOT}`;
// What every output reads of a cell (a StoredCell). A suppressed cell's figures are never shown:
// they stay in the database. Two cells in three of a full cube are suppressed, and reading and
// parsing their JSON was a fifth of a cube export.
function storedCellColumns(table: string): string {
  return `${table}.cell, ${table}.geo_level, ${table}.geo_code, ${table}.kind, ${table}.period_level, ${table}.period,
          ${table}.suppressed, ${table}.fund_part_suppressed, ${table}.consequences_suppressed,
          CASE WHEN ${table}.suppressed THEN NULL ELSE ${table}.figures END AS figures`;
}
// One statement: the newest snapshot and its cells in one MVCC view, even while a refresh commits.
const SELECT_CELLS = `
  SELECT s.id AS snapshot_id, s.created_at, ${storedCellColumns('c')}
  FROM (${SELECT_LATEST_SNAPSHOT}) s
  LEFT JOIN stats_cells c ON c.snapshot_id = s.id AND c.cell = ANY ($1::text[])`;
// One cursor over the snapshot, fetched page by page: keyset pages (cell > $2 LIMIT n) were
// planned as a sort of every remaining cell per page while the table's statistics were stale
// (right after a refresh), which made a full cube read quadratic (3 s for 140,000 cells).
const DECLARE_CELL_CURSOR = `
  DECLARE snapshot_cells NO SCROLL CURSOR FOR
  SELECT ${storedCellColumns('stats_cells')}
  FROM stats_cells WHERE snapshot_id = $1 ORDER BY cell`;

export interface SnapshotRow {
  id: string;
  createdAt: Date;
  reports: number;
  cells: number;
  durationMs: number;
  /** figures change at most once per epoch (StatsService.refresh) */
  releaseEpoch: number;
}

/** A stored cell as readers get it: coordinates, figures and fate. */
export interface StoredCell extends CellCoordinates {
  cell: string;
  /** null for a suppressed cell: no output reads its figures; the release they were computed from */
  figures: (CoarseFigures & { release?: StoredRelease }) | null;
  suppressed: boolean;
  fundPartSuppressed: boolean;
  consequencesSuppressed: boolean;
}

interface BaseCellRow {
  caisse: string;
  kind: AllowanceKind;
  month: string;
  facts: number[];
  fund_facts: number[];
  /** bigint: node-postgres gives a string */
  content_key_a: string;
  content_key_b: string;
}

interface PublishedCellsRow {
  cells: string[] | null;
  suppressed: boolean[];
  fund_part_suppressed: boolean[];
  consequences_suppressed: boolean[];
  sketches: Buffer;
}

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
  figures: string | null;
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
      // The scan of every report may outlast the pool's statement timeout (DB_STATEMENT_TIMEOUT_MS).
      await runner.query(`SET statement_timeout = '${REFRESH_STATEMENT_TIMEOUT}'`);
      try {
        return await work(runner);
      } finally {
        await runner.query('RESET statement_timeout');
        await runner.query('SELECT pg_advisory_unlock($1)', [REFRESH_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }

  async loadGeography(runner: QueryRunner): Promise<CaisseGeography[]> {
    return runner.query(SELECT_GEOGRAPHY);
  }

  /** The base cells of the cube: one per (fund, kind, leave month) with at least one report, binned. */
  async loadBaseCells(runner: QueryRunner, bins: DelayBins): Promise<BaseCell[]> {
    const rows: BaseCellRow[] = await runner.query(SELECT_BASE_CELLS);
    return rows.map((row) => ({
      caisse: row.caisse,
      kind: row.kind,
      month: row.month,
      ...baseAggregate(row.facts, row.fund_facts, [Number(row.content_key_a), Number(row.content_key_b)], bins),
    }));
  }

  async findLatestSnapshot(runner?: QueryRunner): Promise<SnapshotRow | null> {
    const rows = await (runner ?? this.dataSource).query(SELECT_LATEST_SNAPSHOT);
    return rows.length === 0 ? null : toSnapshot(rows[0]);
  }

  /** What the next refresh needs of every cell of a snapshot: its sketch, release day and fate. */
  async loadPublishedCells(runner: QueryRunner, snapshotId: string, cube: CubeIndex): Promise<Map<number, PreviousCell>> {
    const [row]: PublishedCellsRow[] = await runner.query(SELECT_CELLS_FOR_REFRESH, [snapshotId]);
    const cells = new Map<number, PreviousCell>();
    const sketchBytes = 2 * SKETCH_BUCKETS * Int32Array.BYTES_PER_ELEMENT;
    (row.cells ?? []).forEach((key, position) => {
      const index = cube.indexOf(parseCellKey(key));
      if (index === undefined) return;
      const start = row.sketches.byteOffset + position * sketchBytes;
      cells.set(index, {
        sketch: new Int32Array(row.sketches.buffer.slice(start, start + sketchBytes)),
        suppressed: row.suppressed[position],
        fundPartSuppressed: row.fund_part_suppressed[position],
        consequencesSuppressed: row.consequences_suppressed[position],
      });
    });
    return cells;
  }

  /**
   * Writes a whole snapshot in one transaction: readers see the previous one until it commits.
   * Kept cells (figures null) are copied from `previousSnapshotId`.
   */
  async writeSnapshot(
    runner: QueryRunner,
    cube: CubeIndex,
    cells: ProtectedCell[],
    previous: { id?: string; epoch: number },
    reports: number,
    durationMs: number,
  ): Promise<SnapshotRow> {
    const previousSnapshotId = previous.id;
    await runner.startTransaction();
    try {
      const published = cells.filter((cell) => !cell.suppressed).length;
      const [inserted] = await runner.query(INSERT_SNAPSHOT, [reports, published, durationMs, previous.epoch]);
      const fresh = cells.filter((cell) => cell.figures !== null);
      for (let start = 0; start < fresh.length; start += WRITE_BATCH) {
        const batch = fresh.slice(start, start + WRITE_BATCH).map((cell) => {
          const coordinates = cube.coordinates(cell.index);
          return {
            cell: cellKey(coordinates),
            geo_level: coordinates.geoLevel,
            geo_code: coordinates.geoCode,
            kind: coordinates.kind,
            period_level: coordinates.periodLevel,
            period: coordinates.period,
            suppressed: cell.suppressed,
            fund_part_suppressed: cell.fundPartSuppressed,
            consequences_suppressed: cell.consequencesSuppressed,
            reports: cell.figures!.reports,
            fund_reports: cell.figures!.fundPart.reports,
            answered: cell.figures!.consequences.answered,
            figures: JSON.stringify(cell.figures),
            sketch: Buffer.from(cell.sketch.buffer, cell.sketch.byteOffset, cell.sketch.byteLength).toString('hex'),
          };
        });
        await runner.query(INSERT_CELLS, [inserted.id, JSON.stringify(batch)]);
      }
      const kept = cells.filter((cell) => cell.figures === null).map((cell) => cellKey(cube.coordinates(cell.index)));
      if (kept.length > 0 && previousSnapshotId !== undefined) await runner.query(COPY_KEPT_CELLS, [inserted.id, previousSnapshotId, kept]);
      await runner.query(DELETE_OLD_CELLS, [inserted.id]);
      await runner.query(DELETE_OLD_SNAPSHOTS, [inserted.id]);
      await runner.commitTransaction();
      return { id: String(inserted.id), createdAt: inserted.created_at, reports, cells: published, durationMs, releaseEpoch: previous.epoch };
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
        await runner.query(DECLARE_CELL_CURSOR, [snapshot.id]);
        const fetchPage = (): Promise<CellRow[]> => runner.query(`FETCH ${Number(pageSize)} FROM snapshot_cells`);
        let next = fetchPage();
        for (;;) {
          const rows = await next;
          if (rows.length === 0) break;
          // PostgreSQL reads the next page while this one is turned into lines (a third of the
          // export's time was spent waiting on each FETCH). Observed at the next turn; until then
          // a failure must not be an unhandled rejection.
          next = fetchPage();
          next.catch(() => undefined);
          yield { snapshot, cells: rows.map(toStoredCell) };
        }
      }
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }
}

function toSnapshot(row: { id: string; created_at: Date; reports: number; cells: number; duration_ms: number; release_epoch: number }): SnapshotRow {
  return {
    id: String(row.id),
    createdAt: row.created_at,
    reports: row.reports,
    cells: row.cells,
    durationMs: row.duration_ms,
    releaseEpoch: row.release_epoch,
  };
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
    figures: row.figures === null ? null : (JSON.parse(row.figures) as CoarseFigures),
  };
}
