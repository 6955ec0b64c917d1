import type { CliCommand } from './cli-command';

/** Every CLI command, by feature. */
export const COMMANDS: CliCommand[] = [];
