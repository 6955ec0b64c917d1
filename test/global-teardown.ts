import type { EmbeddedPostgres } from '../src/database/embedded-postgres';
import { runOnServer } from './database-admin';

export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env.TEST_SERVER_URL;
  if (serverUrl) await runOnServer(serverUrl, `DROP DATABASE IF EXISTS ${process.env.TEST_TEMPLATE_DATABASE} WITH (FORCE)`);
  await (globalThis as { embeddedPostgres?: EmbeddedPostgres }).embeddedPostgres?.destroy();
}
