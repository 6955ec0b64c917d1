import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { EnvironmentVariables } from '../config/env';
import { EmbeddedPostgres } from './embedded-postgres';
import { ensureEmbeddedRoles } from './embedded-roles';

export interface DatabaseServer {
  /** The owner's connection: migrations and the CLI. */
  url: string;
  /** The service's own role (reads and writes rows only), when there is one; else the service uses `url`. */
  serviceUrl?: string;
  /** Stops what we started (the embedded cluster); a no-op for an external database. */
  stop(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /**
   * A CLI command run beside the service joins its embedded server and must leave it running.
   * The service itself takes over a server it finds (one left by a killed process) and stops it.
   */
  leaveJoinedServerRunning?: boolean;
}

/**
 * DATABASE_URL (and DATABASE_SERVICE_URL) when set; otherwise an embedded PostgreSQL whose data
 * lives in DATA_DIR, with an owner and a service role of its own.
 */
export async function openDatabaseServer(env: EnvironmentVariables, options: OpenDatabaseOptions = {}): Promise<DatabaseServer> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, serviceUrl: env.DATABASE_SERVICE_URL, stop: async () => undefined };
  const logger = new Logger('EmbeddedPostgres');
  const embedded = new EmbeddedPostgres({ dataDir: join(env.DATA_DIR), logger });
  const superuserUrl = await embedded.start();
  const leaveRunning = options.leaveJoinedServerRunning === true && embedded.joinedRunningServer;
  const stop = () => (leaveRunning ? Promise.resolve() : embedded.stop());
  try {
    const { ownerUrl, serviceUrl } = await ensureEmbeddedRoles(superuserUrl, env.DATA_DIR);
    logger.log(`embedded PostgreSQL ready, data in ${env.DATA_DIR}`);
    return { url: ownerUrl, serviceUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
