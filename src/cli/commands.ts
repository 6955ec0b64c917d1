import { backupCommand, restoreCommand } from '../backup/backup.commands';
import { migrationRevertCommand } from '../database/migration.commands';
import { purgeCommand } from '../retention/retention.commands';
import { STATS_COMMANDS } from '../stats/stats.commands';
import type { CliCommand } from './cli-command';
import { TOKEN_COMMANDS } from '../tokens/tokens.commands';

/** Every CLI command, by feature. */
export const COMMANDS: CliCommand[] = [...TOKEN_COMMANDS, ...STATS_COMMANDS, purgeCommand, backupCommand, restoreCommand, migrationRevertCommand];
