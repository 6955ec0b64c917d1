import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiError } from '../common/api-error';
import { EnvironmentVariables } from '../config/env';
import { daysBetween, parisToday } from '../config/paris-date';
import { CaissesService } from '../caisses/caisses.service';
import { ServerSecretsService } from '../abuse/server-secrets.service';
import { delayBins } from './delay-bins';
import { NoiseSource } from './discrete-gaussian';
import { protectCube, publishedFigures, PublishedFigures } from './disclosure-control';
import { CubeRow, RefreshSummary, SnapshotInfo, StatsQueryDto, StatsResponse } from './stats.dto';
import { StatsRepository, StoredCell } from './stats.repository';
import { CompareQueryDto, CompareResponse } from './compare.dto';
import { alertCandidates, AlertsResponse, detectAlerts, FALSE_DISCOVERY_RATE, lastCompleteQuarter, PublishedSide } from './alerts';
import { compareReleases, resolveComparison } from './stats-comparison';
import { buildCube } from './stats-cube-builder';
import { cellKey, CubeIndex, FIRST_YEAR, Geography, KIND_VALUES } from './stats-cube';
import { SnapshotAnswerCache } from './snapshot-answer-cache';
import { resolveStatsQuery } from './stats-query';

// Cells per FETCH of a cube export: small pages keep little alive between two garbage collections,
// and the next page is read while this one is written (stats.repository.ts streamCells).
const CUBE_PAGE_SIZE = 500;
const RETRY_AFTER_NO_SNAPSHOT_SECONDS = 60;
const NEWEST_SNAPSHOT_CHECK_MS = 1_000;
const ANSWER_CACHE_SIZE = 2_000;
/** server_secrets row of the key that makes each cell's noise unpredictable (discrete-gaussian.ts). */
const NOISE_SECRET_NAME = 'stats-noise';

/** A cell no report falls in looks exactly like a suppressed one: which cells are empty is not published. */
const SUPPRESSED: PublishedFigures = { suppressed: true };

/**
 * The published statistics. Stable API for the other features (exports, web pages): they read
 * through `getStats`, `streamCube` and `getSnapshotInfo`, never the tables, so every output has
 * gone through disclosure control.
 */
@Injectable()
export class StatsService {
  private readonly logger = new Logger(StatsService.name);
  private geographyCache?: Geography;
  private readonly answers = new SnapshotAnswerCache<StatsResponse>(ANSWER_CACHE_SIZE);
  // A comparison simulates its releases (about 20 ms): asked again, it is read from here.
  private readonly comparisons = new SnapshotAnswerCache<CompareResponse>(ANSWER_CACHE_SIZE);
  private alertsCache?: { snapshotId: string; answer: AlertsResponse };
  private newestId?: string;
  private newestCheckedAt = 0;

  constructor(
    private readonly statsRepository: StatsRepository,
    private readonly caissesService: CaissesService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
    private readonly serverSecrets: ServerSecretsService,
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
      rows: resolved.rows.map(({ cell, group }) => {
        const stored = byKey.get(cellKey(cell));
        return { group, ...(stored ? publishedFigures(stored) : SUPPRESSED) };
      }),
      total: total ? publishedFigures(total) : SUPPRESSED,
    };
    this.answers.set(found.snapshot.id, queryKey, answer);
    return answer;
  }

  // Snapshots never change once written, so answers are cached per snapshot; which snapshot is
  // the newest is asked of the database at most once a second (another instance may refresh).
  /**
   * The newest snapshot's id (looked up at most every NEWEST_SNAPSHOT_CHECK_MS), undefined before
   * the first: a key for what a caller builds from the snapshot (snapshotAt is rounded to the hour).
   */
  async newestSnapshotId(): Promise<string | undefined> {
    const now = Date.now();
    if (now - this.newestCheckedAt >= NEWEST_SNAPSHOT_CHECK_MS) {
      this.newestCheckedAt = now;
      this.newestId = (await this.statsRepository.findLatestSnapshot())?.id;
    }
    return this.newestId;
  }

  /**
   * Two whole periods of one selection compared (issue 14): each side's published figures, and the
   * log-rank test and difference of shares computed from the two released histograms the snapshot
   * stores (post-processing of published releases: two rows read, nothing from the reports). No
   * comparison when either side is suppressed.
   */
  async compare(dto: CompareQueryDto): Promise<CompareResponse> {
    const { query, before, after } = resolveComparison(dto, this.geography(), parisToday());
    const queryKey = JSON.stringify(query);
    const cached = this.comparisons.get((await this.newestSnapshotId()) ?? '', queryKey);
    if (cached) return cached;
    const found = await this.statsRepository.findCells([cellKey(before), cellKey(after)]);
    if (!found) throw noSnapshotYet();
    const byKey = new Map(found.cells.map((cell) => [cell.cell, cell]));
    const [earlier, later] = [byKey.get(cellKey(before)), byKey.get(cellKey(after))];
    const thresholdDays = this.config.get('THRESHOLD_DAYS', { infer: true });
    const shown = (cell: StoredCell | undefined) => (cell && !cell.suppressed && cell.figures?.release ? cell.figures.release : null);
    const [beforeRelease, afterRelease] = [shown(earlier), shown(later)];
    const answer: CompareResponse = {
      snapshotAt: found.snapshot.createdAt.toISOString(),
      thresholdDays,
      query,
      before: earlier ? publishedFigures(earlier) : SUPPRESSED,
      after: later ? publishedFigures(later) : SUPPRESSED,
      comparison:
        beforeRelease && afterRelease ? compareReleases(beforeRelease, afterRelease, thresholdDays, this.config.get('MIN_GROUP_SIZE', { infer: true })) : null,
    };
    this.comparisons.set(found.snapshot.id, queryKey, answer);
    return answer;
  }

  /** The alerts of the newest snapshot (src/stats/alerts.ts), computed once per snapshot. */
  async alerts(): Promise<AlertsResponse> {
    const snapshotId = (await this.newestSnapshotId()) ?? '';
    if (this.alertsCache?.snapshotId === snapshotId) return this.alertsCache.answer;
    const caisses = this.caissesService.findAll().map((caisse) => caisse.code);
    const today = parisToday();
    const candidates = alertCandidates(caisses, KIND_VALUES, today);
    const keys = [...new Set(candidates.flatMap((candidate) => [cellKey(candidate.before), cellKey(candidate.after)]))];
    const found = await this.statsRepository.findCells(keys);
    if (!found) throw noSnapshotYet();
    const sides = new Map<string, PublishedSide>();
    for (const cell of found.cells) {
      if (!cell.suppressed && cell.figures?.release) sides.set(cell.cell, { figures: cell.figures, release: cell.figures.release });
    }
    const thresholdDays = this.config.get('THRESHOLD_DAYS', { infer: true });
    const { compared, alerts } = await detectAlerts(candidates, sides, this.config.get('MIN_GROUP_SIZE', { infer: true }));
    const answer: AlertsResponse = {
      snapshotAt: found.snapshot.createdAt.toISOString(),
      quarter: lastCompleteQuarter(today),
      thresholdDays,
      falseDiscoveryRate: FALSE_DISCOVERY_RATE,
      compared,
      alerts,
    };
    this.alertsCache = { snapshotId: found.snapshot.id, answer };
    return answer;
  }

  /** Every published cell of the newest snapshot, read page by page in one consistent view (suppressed and empty cells are left out alike). */
  async *streamCube(): AsyncIterable<CubeRow> {
    const names = new Map(this.caissesService.findAll().map((caisse) => [caisse.code, caisse.name]));
    for await (const page of this.statsRepository.streamCells(CUBE_PAGE_SIZE)) {
      for (const cell of page.cells) {
        if (cell.suppressed) continue;
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

  /**
   * Publishes a new release of the cube, at most once per release epoch (STATS_RELEASE_DAYS; with
   * 0, every refresh is an epoch): within an epoch the figures stay as released, so reports added
   * or changed meanwhile only show at the next one, and nobody learns when they came. A no-op
   * (refreshed: false) while another refresh runs anywhere, or when this epoch is already released.
   */
  async refresh(): Promise<RefreshSummary> {
    const started = Date.now();
    const thresholdDays = this.config.get('THRESHOLD_DAYS', { infer: true });
    const releaseDays = this.config.get('STATS_RELEASE_DAYS', { infer: true });
    const bins = delayBins(thresholdDays);
    const secret = await this.serverSecrets.secret(NOISE_SECRET_NAME);
    // Other bins make other releases: their noise must not repeat the old one.
    const binsTag = Array.from(bins.times).join(',');
    const noise = { figures: new NoiseSource(secret, `figures:${binsTag}`), gate: new NoiseSource(secret, `gate:${binsTag}`) };
    const summary = await this.statsRepository.withRefreshLock(async (runner): Promise<RefreshSummary> => {
      const today = parisToday();
      const latest = await this.statsRepository.findLatestSnapshot(runner);
      const epoch = releaseDays === 0 ? (latest?.releaseEpoch ?? 0) + 1 : Math.floor(daysBetween(`${FIRST_YEAR}-01-01`, today) / releaseDays);
      if (latest && latest.releaseEpoch >= epoch) return { refreshed: false, reason: 'released-this-epoch', durationMs: Date.now() - started };
      const cube = new CubeIndex(new Geography(await this.statsRepository.loadGeography(runner)), Number(today.slice(0, 4)));
      const base = await this.statsRepository.loadBaseCells(runner, bins);
      const loaded = Date.now();
      const previous = latest ? await this.statsRepository.loadPublishedCells(runner, latest.id, cube) : new Map();
      const minGroupSize = this.config.get('MIN_GROUP_SIZE', { infer: true });
      const cells = protectCube(buildCube(base, cube), previous, { minGroupSize, thresholdDays, bins, noise, epoch });
      const protectedAt = Date.now();
      const reports = base.reduce((total, cell) => total + cell.main.reduce((sum, count) => sum + count, 0), 0);
      const snapshot = await this.statsRepository.writeSnapshot(runner, cube, cells, { id: latest?.id, epoch }, reports, Date.now() - started);
      // This instance serves its own new snapshot at once; others notice within a second.
      this.newestCheckedAt = 0;
      return {
        refreshed: true,
        snapshotAt: snapshot.createdAt.toISOString(),
        reports,
        cells: snapshot.cells,
        releasedCells: cells.filter((cell) => cell.figures !== null).length,
        durationMs: Date.now() - started,
        phasesMs: { read: loaded - started, releases: protectedAt - loaded, write: Date.now() - protectedAt },
      };
    });
    const result = summary ?? { refreshed: false, reason: 'locked' as const, durationMs: Date.now() - started };
    this.logger.log(
      result.refreshed
        ? `statistics released: ${result.cells} cells published in ${result.durationMs} ms ${JSON.stringify(result.phasesMs)}`
        : result.reason === 'locked'
          ? 'statistics refresh skipped: another one is running'
          : 'statistics refresh skipped: this release epoch is already published',
    );
    return result;
  }

  private geography(): Geography {
    // The funds only change through a migration: build the lookup once.
    this.geographyCache ??= new Geography(this.caissesService.findAll());
    return this.geographyCache;
  }
}

export function noSnapshotYet(): ApiError {
  return new ApiError(
    HttpStatus.SERVICE_UNAVAILABLE,
    'UNAVAILABLE',
    'Statistics are being computed for the first time; retry shortly',
    undefined,
    RETRY_AFTER_NO_SNAPSHOT_SECONDS,
  );
}
