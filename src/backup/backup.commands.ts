import { resolve } from 'node:path';
import { CliCommand, CliUsageError } from '../cli/cli-command';
import { BackupService, RestoreRefusedError, TableCounts } from './backup.service';

function fileArgument(command: string, args: string[], allowed: string[]): string {
  const index = args.indexOf('--file');
  const file = index >= 0 ? args[index + 1] : undefined;
  if (!file || file.startsWith('--')) throw new CliUsageError(`${command}: --file PATH is required`);
  const unknown = args.filter((arg, position) => position !== index && position !== index + 1 && !allowed.includes(arg));
  if (unknown.length > 0) throw new CliUsageError(`${command}: unknown argument ${unknown[0]}`);
  return resolve(file);
}

const describeCounts = (counts: TableCounts) =>
  Object.entries(counts).map(([table, rows]) => `${table}: ${rows}`).join(', ');

export const backupCommand: CliCommand = {
  name: 'backup',
  usage: '--file PATH  writes every table to PATH (gzip\'d JSON lines, mode 0600); it holds health data: keep it safe',
  async run(app, args, print) {
    const file = fileArgument('backup', args, []);
    const counts = await app.get(BackupService).backup(file);
    print(`backup written to ${file} (${describeCounts(counts)})`);
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: '--file PATH [--force]  replaces the database content by a backup; refuses a non-empty database without --force',
  async run(app, args, print) {
    const file = fileArgument('restore', args, ['--force']);
    try {
      const counts = await app.get(BackupService).restore(file, { force: args.includes('--force') });
      print(`restored from ${file} (${describeCounts(counts)})`);
    } catch (error) {
      if (error instanceof RestoreRefusedError) throw new CliUsageError(`restore: ${error.message}`);
      throw error;
    }
  },
};
