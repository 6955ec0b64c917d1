import 'reflect-metadata';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { validateEnvironment } from '../config/env';
import { openDatabaseServer } from '../database/database-server';
import { runMigrations } from '../database/data-source-options';
import { CliUsageError } from './cli-command';
import { COMMANDS } from './commands';

// `npm run cli -- <command> [args]`: administration on the server's command line, against
// DATABASE_URL or the embedded database (joining the running service's server if there is one).
const print = (line: string) => process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    process.stderr.write(`usage: npm run cli -- <command>\n${COMMANDS.map((known) => `  ${known.name} ${known.usage}`).join('\n')}\n`);
    return 2;
  }
  if ('offline' in command) {
    await command.run(args, print);
    return 0;
  }
  Logger.overrideLogger(new ConsoleLogger({ json: true, logLevels: ['error', 'warn'] }));
  const database = await openDatabaseServer(validateEnvironment(process.env), { leaveJoinedServerRunning: true });
  try {
    if (command.runOnDatabase) {
      await command.runOnDatabase(database.url, args, print);
      return 0;
    }
    await runMigrations(database.url);
    const app = await NestFactory.createApplicationContext(AppModule.forDatabase(database.url), { logger: ['error', 'warn'] });
    try {
      await command.run?.(app, args, print);
    } finally {
      await app.close();
    }
    return 0;
  } finally {
    await database.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`${error instanceof CliUsageError ? '' : 'error: '}${error.message}\n`);
    process.exit(error instanceof CliUsageError ? 2 : 1);
  },
);
