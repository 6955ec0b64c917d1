import { STATS_COMMANDS } from '../stats/stats.commands';
import type { CliCommand } from './cli-command';

/** Every CLI command, by feature. */
export const COMMANDS: CliCommand[] = [...STATS_COMMANDS];
