import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServer, Server } from 'node:http';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import type { EnvironmentVariables } from '../config/env';
import { RetentionService } from '../retention/retention.service';
import { StatsService } from '../stats/stats.service';
import { createMetricsRegistry } from './metrics-registry';

export const METRICS_PATH = '/metrics';

/**
 * With METRICS_ENABLED, serves the Prometheus text format at /metrics: on the service's own port
 * (METRICS_PORT=0), or on METRICS_PORT alone, which then need not be published at all. Before
 * app.init(), so that the request hook sees every route.
 */
export async function exposeMetrics(app: NestFastifyApplication, env: EnvironmentVariables): Promise<void> {
  if (!env.METRICS_ENABLED) return;
  const fastify = app.getHttpAdapter().getInstance();
  const registry = createMetricsRegistry(fastify, {
    dataSource: app.get(DataSource),
    statsService: app.get(StatsService),
    retentionService: app.get(RetentionService),
    backupDir: env.BACKUP_DIR,
  });
  if (env.METRICS_PORT === 0) {
    fastify.get(METRICS_PATH, async (_request, reply) =>
      reply
        .header('Content-Type', registry.contentType)
        .header('Cache-Control', 'no-store')
        .send(await registry.metrics()),
    );
    return;
  }
  const server = await listenForMetrics(registry, env.METRICS_PORT);
  fastify.addHook('onClose', (_instance, done) => void server.close(() => done()));
}

function listenForMetrics(registry: Registry, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== METRICS_PATH) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
      () => response.writeHead(500, { 'Content-Type': 'text/plain' }).end('metrics unavailable\n'),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => resolve(server));
  });
}
