import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiError } from '../common/api-error';
import { EnvironmentVariables } from '../config/env';
import { parisToday } from '../config/paris-date';
import { CaissesService } from '../caisses/caisses.service';
import { protectCube, publishedFigures, PublishedFigures } from './disclosure-control';
import { CubeRow, RefreshSummary, SnapshotInfo, StatsQueryDto, StatsResponse } from './stats.dto';
import { StatsRepository } from './stats.repository';
import { buildCube } from './stats-cube-builder';
import { cellKey, CubeIndex, Geography, KIND_VALUES } from './stats-cube';
import { SnapshotAnswerCache } from './snapshot-answer-cache';
import { resolveStatsQuery } from './stats-query';

// Cells per FETCH of a cube export: small pages keep little alive between two garbage collections,
// and the next page is read while this one is written (stats.repository.ts streamCells).
const CUBE_PAGE_SIZE = 500;
const RETRY_AFTER_NO_SNAPSHOT_SECONDS = 60;
const NEWEST_SNAPSHOT_CHECK_MS = 1_000;
const ANSWER_CACHE_SIZE = 2_000;

/** The total of a cell no report falls in. */
const EMPTY_TOTAL: PublishedFigures = {
  suppressed: false, reports: 0, paid: 0, waiting: 0, medianDays: null, p90Days: null, shareOverThreshold: null,
  shareOverThresholdCi: null, paidMeanDays: null, paidMedianDays: null, fundPart: { suppressed: true }, consequences: { suppressed: true },
};

/**
 * The published statistics. Stable API for the other features (exports, web pages): they read
 * through `getStats`, `streamCube` and `getSnapshotInfo`, never the tables, so every output has
 * gone through disclosure control.
 */
@Injectable()
export class StatsService {
  private readonly logger = new Logger(StatsService.name);
  private geographyCache?: Geography;
  private readonly answers = new SnapshotAnswerCache(ANSWER_CACHE_SIZE);
  private newestId?: string;
  private newestCheckedAt = 0;

  constructor(
    private readonly statsRepository: StatsRepository,
    private readonly caissesService: CaissesService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  /** GET /api/stats: the total cell and its rows along groupBy, from the newest snapshot. 400 on a bad query, 503 before any snapshot. */
  async getStats(dto: StatsQueryDto): Promise<StatsResponse> {
    const resolved = resolveStatsQuery(dto, this.geography(), parisToday());
    const queryKey = JSON.stringify(resolved.query);
    const cached = this.answers.get((await this.newestSnapshotId()) ?? '', queryKey);
    if (cached) return cached;
    const totalKey = cellKey(resolved.total);
    const found = await this.statsRepository.findCells([totalKey, ...resolved.rows.map((row) => cellKey(row.cell))]);
    if (!found) throw noSnapshotYet();
    const byKey = new Map(found.cells.map((cell) => [cell.cell, cell]));
    const total = byKey.get(totalKey);
    const answer: StatsResponse = {
      snapshotAt: found.snapshot.createdAt.toISOString(),
      thresholdDays: this.config.get('THRESHOLD_DAYS', { infer: true }),
      minGroupSize: this.config.get('MIN_GROUP_SIZE', { infer: true }),
      query: resolved.query,
      rows: resolved.rows.flatMap(({ cell, group }) => {
        const stored = byKey.get(cellKey(cell));
        return stored ? [{ group, ...publishedFigures(stored) }] : [];
      }),
      total: total ? publishedFigures(total) : EMPTY_TOTAL,
    };
    this.answers.set(found.snapshot.id, queryKey, answer);
    return answer;
  }

  // Snapshots never change once written, so answers are cached per snapshot; which snapshot is
  // the newest is asked of the database at most once a second (another instance may refresh).
  private async newestSnapshotId(): Promise<string | undefined> {
    const now = Date.now();
    if (now - this.newestCheckedAt >= NEWEST_SNAPSHOT_CHECK_MS) {
      this.newestCheckedAt = now;
      this.newestId = (await this.statsRepository.findLatestSnapshot())?.id;
    }
    return this.newestId;
  }

  /** Every non-empty cell of the newest snapshot, protected, read page by page in one consistent view. */
  async *streamCube(): AsyncIterable<CubeRow> {
    const names = new Map(this.caissesService.findAll().map((caisse) => [caisse.code, caisse.name]));
    for await (const page of this.statsRepository.streamCells(CUBE_PAGE_SIZE)) {
      for (const cell of page.cells) {
        const { geoLevel, geoCode, kind, periodLevel, period } = cell;
        const geoName = geoLevel === 'caisse' ? (names.get(geoCode) ?? geoCode) : geoCode;
        yield { geoLevel, geoCode, geoName, kind, periodLevel, period, ...publishedFigures(cell) };
      }
    }
  }

  /** When the newest snapshot was computed; null before the first refresh. */
  async getSnapshotInfo(): Promise<SnapshotInfo | null> {
    const snapshot = await this.statsRepository.findLatestSnapshot();
    return snapshot && { snapshotAt: snapshot.createdAt.toISOString(), cells: snapshot.cells, durationMs: snapshot.durationMs };
  }

  /** Recomputes the whole cube into a new snapshot; a no-op (refreshed: false) while another refresh runs anywhere. */
  async refresh(): Promise<RefreshSummary> {
    const started = Date.now();
    const thresholdDays = this.config.get('THRESHOLD_DAYS', { infer: true });
    const minGroupSize = this.config.get('MIN_GROUP_SIZE', { infer: true });
    const summary = await this.statsRepository.withRefreshLock(async (runner) => {
      const cube = new CubeIndex(new Geography(await this.statsRepository.loadGeography(runner)), Number(parisToday().slice(0, 4)));
      const base = await this.statsRepository.loadBaseCells(runner);
      const loaded = Date.now();
      const fresh = [...buildCube(base, cube, thresholdDays)];
      const built = Date.now();
      const latest = await this.statsRepository.findLatestSnapshot(runner);
      const previous = latest ? await this.statsRepository.loadPublishedCells(runner, latest.id, cube) : new Map();
      const cells = protectCube(fresh, previous, cube, minGroupSize);
      const protectedAt = Date.now();
      const nationalIndex = cube.cellIndex(0, KIND_VALUES.indexOf('all'), 0);
      const reports = fresh.find((cell) => cell.index === nationalIndex)?.reports ?? 0;
      const snapshot = await this.statsRepository.writeSnapshot(runner, cube, cells, latest?.id, reports, Date.now() - started);
      // This instance serves its own new snapshot at once; others notice within a second.
      this.newestCheckedAt = 0;
      return {
        refreshed: true,
        snapshotAt: snapshot.createdAt.toISOString(),
        reports,
        cells: cells.length,
        suppressedCells: cells.filter((cell) => cell.suppressed).length,
        durationMs: Date.now() - started,
        phasesMs: { read: loaded - started, cube: built - loaded, disclosureControl: protectedAt - built, write: Date.now() - protectedAt },
      };
    });
    const result = summary ?? { refreshed: false, durationMs: Date.now() - started };
    this.logger.log(result.refreshed ? `statistics refreshed: ${result.cells} cells in ${result.durationMs} ms ${JSON.stringify(result.phasesMs)}` : 'statistics refresh skipped: another one is running');
    return result;
  }

  private geography(): Geography {
    // The funds only change through a migration: build the lookup once.
    this.geographyCache ??= new Geography(this.caissesService.findAll());
    return this.geographyCache;
  }
}

export function noSnapshotYet(): ApiError {
  return new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'UNAVAILABLE', 'Statistics are being computed for the first time; retry shortly', undefined, RETRY_AFTER_NO_SNAPSHOT_SECONDS);
}
