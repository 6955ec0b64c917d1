import { backupCommand, backupKeyCommand, restoreCommand, restoreDrillCommand } from '../backup/backup.commands';
import { migrationRevertCommand } from '../database/migration.commands';
import { purgeCommand } from '../retention/retention.commands';
import { STATS_COMMANDS } from '../stats/stats.commands';
import type { CliCommand, OfflineCliCommand } from './cli-command';
import { TOKEN_COMMANDS } from '../tokens/tokens.commands';

/** Every CLI command, by feature. */
export const COMMANDS: (CliCommand | OfflineCliCommand)[] = [
  ...TOKEN_COMMANDS,
  ...STATS_COMMANDS,
  purgeCommand,
  backupKeyCommand,
  backupCommand,
  restoreCommand,
  restoreDrillCommand,
  migrationRevertCommand,
];
