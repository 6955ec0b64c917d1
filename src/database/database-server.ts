import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { EnvironmentVariables } from '../config/env';
import { EmbeddedPostgres } from './embedded-postgres';

export interface DatabaseServer {
  url: string;
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

/** DATABASE_URL when set; otherwise an embedded PostgreSQL whose data lives in DATA_DIR. */
export async function openDatabaseServer(env: EnvironmentVariables, options: OpenDatabaseOptions = {}): Promise<DatabaseServer> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, stop: async () => undefined };
  const logger = new Logger('EmbeddedPostgres');
  const embedded = new EmbeddedPostgres({ dataDir: join(env.DATA_DIR), logger });
  const url = await embedded.start();
  logger.log(`embedded PostgreSQL ready, data in ${env.DATA_DIR}`);
  const leaveRunning = options.leaveJoinedServerRunning === true && embedded.joinedRunningServer;
  return { url, stop: () => (leaveRunning ? Promise.resolve() : embedded.stop()) };
}
