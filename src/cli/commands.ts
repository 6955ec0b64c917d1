import { backupCommand, restoreCommand } from '../backup/backup.commands';
import { purgeCommand } from '../retention/retention.commands';
import type { CliCommand } from './cli-command';

/** Every CLI command, by feature. */
export const COMMANDS: CliCommand[] = [purgeCommand, backupCommand, restoreCommand];
