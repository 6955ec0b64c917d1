import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorDetail } from '../common/api-error';
import { isDraining } from '../common/graceful-shutdown';
import { EnvironmentVariables } from '../config/env';
import { StatsService } from '../stats/stats.service';

const PING_TIMEOUT_MS = 1_000;

export interface Readiness {
  ready: boolean;
  /** Seconds since the newest statistics snapshot; null when there is none or the database is down. */
  snapshotAgeSeconds: number | null;
  /** What stops this instance from taking traffic, one entry per failed check. */
  problems: ErrorDetail[];
}

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statsService: StatsService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  /** True when PostgreSQL answers `SELECT 1` within a second. */
  async databaseAnswers(): Promise<boolean> {
    return (
      (await withTimeout(
        this.dataSource.query('SELECT 1').then(
          () => true,
          () => false,
        ),
      )) ?? false
    );
  }

  /** Ready: not draining, the database answers, and the statistics are not older than one release period and two refresh intervals. */
  async readiness(): Promise<Readiness> {
    const problems: ErrorDetail[] = [];
    // Checked first and alone: a draining instance must leave the load balancer at once.
    if (isDraining()) return { ready: false, snapshotAgeSeconds: null, problems: [{ field: 'draining', message: 'the service is shutting down' }] };
    const database = await this.databaseAnswers();
    if (!database) problems.push({ field: 'database', message: 'does not answer' });
    const snapshot = database ? await withTimeout(this.statsService.getSnapshotInfo().catch(() => undefined)) : undefined;
    const snapshotAgeSeconds = snapshot ? Math.max(0, Math.round((Date.now() - Date.parse(snapshot.snapshotAt)) / 1000)) : null;
    // A snapshot is written once per release epoch (STATS_RELEASE_DAYS), by the first refresh after
    // it starts, and stamped with the hour only (docs/privacy.md): its age reads up to an hour more.
    const maximumAgeSeconds =
      86_400 * this.config.get('STATS_RELEASE_DAYS', { infer: true }) + 2 * 60 * this.config.get('STATS_REFRESH_MINUTES', { infer: true }) + 3_600;
    if (database && snapshot === undefined) problems.push({ field: 'snapshot', message: 'could not be read' });
    else if (database && snapshot === null) problems.push({ field: 'snapshot', message: 'no statistics snapshot yet' });
    else if (snapshotAgeSeconds !== null && snapshotAgeSeconds > maximumAgeSeconds) {
      problems.push({ field: 'snapshot', message: `older than the release period, two refresh intervals and an hour (${maximumAgeSeconds} s)` });
    }
    return { ready: problems.length === 0, snapshotAgeSeconds, problems };
  }
}

/** The value, or undefined past PING_TIMEOUT_MS (a hung database must not hang the probe). */
async function withTimeout<T>(work: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), PING_TIMEOUT_MS)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
