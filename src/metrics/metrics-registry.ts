import type { FastifyInstance } from 'fastify';
import type { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { newestBackup } from '../backup/backup-folder';
import type { RetentionService } from '../retention/retention.service';
import type { StatsService } from '../stats/stats.service';

// Labels are the method, the route pattern and the status only: never a URL, an address, a
// receipt or a token. An unknown method or route is one label value, so a client cannot grow them.
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface MetricsSources {
  dataSource: DataSource;
  statsService: StatsService;
  retentionService: RetentionService;
  /** BACKUP_DIR, when the service writes backups */
  backupDir?: string;
}

/** A registry of its own (not prom-client's global one), so two applications in a process never share counts. */
export function createMetricsRegistry(fastify: FastifyInstance, sources: MetricsSources): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  countRequests(fastify, registry);
  watchPool(sources.dataSource, registry);
  watchSnapshot(sources.statsService, registry);
  watchPurge(sources.retentionService, registry);
  if (sources.backupDir) watchBackups(sources.backupDir, registry);
  return registry;
}

function countRequests(fastify: FastifyInstance, registry: Registry): void {
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({ name: 'http_requests_total', help: 'Answered HTTP requests', labelNames, registers: [registry] });
  const durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer, by route pattern',
    labelNames,
    buckets: LATENCY_BUCKETS_SECONDS,
    registers: [registry],
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const labels = {
      method: KNOWN_METHODS.has(request.method) ? request.method : 'OTHER',
      route: request.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    };
    requests.inc(labels);
    durations.observe(labels, reply.elapsedTime / 1000);
    done();
  });
}

function watchPool(dataSource: DataSource, registry: Registry): void {
  // TypeORM's PostgreSQL driver keeps its pg.Pool as `master`.
  const pool = () => (dataSource.driver as unknown as { master?: Pool }).master;
  const gauge = (name: string, help: string, read: (pool: Pool) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const current = pool();
        if (current) this.set(read(current));
      },
    });
  gauge('db_pool_connections', 'Connections the pool holds', (current) => current.totalCount);
  gauge('db_pool_idle_connections', 'Idle connections of the pool', (current) => current.idleCount);
  gauge('db_pool_waiting_requests', 'Queries waiting for a connection (answered 503 past DB_POOL_WAIT_MS)', (current) => current.waitingCount);
}

function watchSnapshot(statsService: StatsService, registry: Registry): void {
  // Read at each scrape from the database, so every instance reports the shared newest snapshot.
  let latest: Promise<{ snapshotAt: string; durationMs: number } | null | undefined> | undefined;
  const read = () =>
    (latest ??= statsService
      .getSnapshotInfo()
      .catch(() => undefined)
      .finally(() => setImmediate(() => (latest = undefined))));
  new Gauge({
    name: 'stats_snapshot_age_seconds',
    help: 'Seconds since the newest statistics snapshot was computed',
    registers: [registry],
    async collect() {
      const snapshot = await read();
      if (snapshot) this.set((Date.now() - Date.parse(snapshot.snapshotAt)) / 1000);
      else this.reset();
    },
  });
  new Gauge({
    name: 'stats_refresh_duration_seconds',
    help: 'How long the refresh that computed the newest snapshot took',
    registers: [registry],
    async collect() {
      const snapshot = await read();
      if (snapshot) this.set(snapshot.durationMs / 1000);
      else this.reset();
    },
  });
}

const PURGE_ACTIONS = ['coarsenedReports', 'deletedReports', 'deletedIdempotencyKeys', 'deletedAbuseRows', 'deletedAuditEntries'] as const;

function watchPurge(retentionService: RetentionService, registry: Registry): void {
  // Per instance: the purge runs on the instance that takes its lock, and that one reports it.
  new Gauge({
    name: 'purge_last_run_timestamp_seconds',
    help: 'When this instance last completed a purge (Unix time)',
    registers: [registry],
    collect() {
      const last = retentionService.lastCompleted;
      if (last) this.set(last.at.getTime() / 1000);
    },
  });
  new Gauge({
    name: 'purge_last_rows',
    help: 'Rows the last purge of this instance coarsened or deleted, by action',
    labelNames: ['action'],
    registers: [registry],
    collect() {
      const last = retentionService.lastCompleted;
      if (last) for (const action of PURGE_ACTIONS) this.set({ action }, last.result[action]);
    },
  });
}

function watchBackups(folder: string, registry: Registry): void {
  new Gauge({
    name: 'backup_newest_age_seconds',
    help: 'Seconds since the newest backup in BACKUP_DIR was taken (absent when there is none)',
    registers: [registry],
    async collect() {
      const newest = await newestBackup(folder).catch(() => undefined);
      if (newest) this.set((Date.now() - newest.takenAt.getTime()) / 1000);
      else this.reset();
    },
  });
}
