import type { INestApplicationContext } from '@nestjs/common';

/** One `npm run cli -- <name> [args]` command. Each feature keeps its own beside its service. */
export interface CliCommand {
  name: string;
  /** One line: arguments and what the command does. */
  usage: string;
  /**
   * With the application, once pending migrations are applied. `print` writes one line to stdout;
   * the last line is what scripts read (e.g. a token).
   */
  run?(app: INestApplicationContext, args: string[], print: (line: string) => void): Promise<void>;
  /** Instead of `run`: on the database alone, migrating nothing first (migration:revert). */
  runOnDatabase?(databaseUrl: string, args: string[], print: (line: string) => void): Promise<void>;
}

/** A command that needs neither the settings nor the database (a key generator): run before both. */
export interface OfflineCliCommand {
  name: string;
  usage: string;
  offline: true;
  run(args: string[], print: (line: string) => void): Promise<void>;
}

/** A refusal the user can fix (bad arguments): printed without a stack, exit code 2. */
export class CliUsageError extends Error {}
