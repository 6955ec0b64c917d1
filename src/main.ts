import 'reflect-metadata';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { InvalidEnvironmentError, validateEnvironment } from './config/env';
import { openDatabaseServer } from './database/database-server';
import { runMigrations } from './database/data-source-options';
import { waitForDatabase, warnIfNotDurable } from './database/database-readiness';
import { grantServicePrivileges, roleOf, warnIfOverPrivileged } from './database/service-role';
import { beginDraining } from './common/graceful-shutdown';
import { createHttpApp } from './http-app';
import { BackupScheduler } from './backup/backup.scheduler';
import { RetentionScheduler } from './retention/retention.scheduler';
import { StatsRefreshScheduler } from './stats/stats-refresh.scheduler';
import { OrganisationService } from './organisation/organisation.service';

async function bootstrap(): Promise<void> {
  Logger.overrideLogger(new ConsoleLogger({ json: true }));
  const logger = new Logger('Bootstrap');
  const env = validateEnvironment(process.env);
  const database = await openDatabaseServer(env);
  await waitForDatabase(database.url, { retries: env.DB_CONNECT_RETRIES, delayMs: env.DB_CONNECT_RETRY_DELAY_MS }, logger);
  await warnIfNotDurable(database.url, logger);
  const applied = await runMigrations(database.url);
  if (applied.length > 0) logger.log(`migrations applied: ${applied.join(', ')}`);
  // Migrations as the owner; the service as a role that only reads and writes rows.
  if (database.serviceUrl) await grantServicePrivileges(database.url, roleOf(database.serviceUrl));
  const serviceUrl = database.serviceUrl ?? database.url;
  await warnIfOverPrivileged(serviceUrl, logger);
  const app = await createHttpApp(serviceUrl);
  app.useLogger(new ConsoleLogger({ json: true }));
  await app.listen(env.PORT, '0.0.0.0');
  app.get(OrganisationService).warnIfNotConfigured();
  // The service's schedules; tests and CLI commands build the same application without them.
  app.get(StatsRefreshScheduler).start();
  app.get(RetentionScheduler).start();
  app.get(BackupScheduler).start();
  // Last: whoever waits for this line (a supervisor, a test) finds the schedules already started.
  logger.log(`listening on port ${env.PORT}`);

  // Stop taking requests, let those in flight finish, close the pool, then stop PostgreSQL.
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: draining requests`);
    try {
      await beginDraining();
      await app.close();
      await database.stop();
      logger.log('stopped cleanly');
      process.exit(0);
    } catch (error) {
      logger.error(`shutdown failed: ${(error as Error).message}`);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

bootstrap().catch((error: Error) => {
  const message = error instanceof InvalidEnvironmentError ? error.message : `start-up failed: ${error.message}`;
  new Logger('Bootstrap').error(message);
  process.exit(1);
});
