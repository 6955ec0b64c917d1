import { Logger } from '@nestjs/common';
import { validateEnvironment } from '../config/env';
import { openDatabaseServer } from './database-server';
import { runMigrations } from './data-source-options';

// `npm run migration:run`: applies pending migrations to DATABASE_URL (or the embedded database).
async function main(): Promise<void> {
  const logger = new Logger('Migrations');
  const server = await openDatabaseServer(validateEnvironment(process.env));
  try {
    const applied = await runMigrations(server.url);
    logger.log(applied.length ? `applied: ${applied.join(', ')}` : 'the schema is up to date');
  } finally {
    await server.stop();
  }
}

main().catch((error: Error) => {
  new Logger('Migrations').error(error.message);
  process.exit(1);
});
