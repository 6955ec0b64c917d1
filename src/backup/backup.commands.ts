import { resolve } from 'node:path';
import { CliCommand, CliUsageError, OfflineCliCommand } from '../cli/cli-command';
import { BackupKeyError, generateBackupKey } from './backup-encryption';
import { BackupService, RestoreRefusedError, TableCounts } from './backup.service';
import { RestoreDrillResult, RestoreDrillService } from './restore-drill.service';
import { BackupFolderMissingError, ScheduledBackupsService } from './scheduled-backups.service';

function fileArgument(command: string, args: string[], allowed: string[], required = true): string | undefined {
  const index = args.indexOf('--file');
  const file = index >= 0 ? args[index + 1] : undefined;
  if ((required || index >= 0) && (!file || file.startsWith('--'))) throw new CliUsageError(`${command}: --file PATH is required`);
  const unknown = args.filter((arg, position) => (index < 0 || (position !== index && position !== index + 1)) && !allowed.includes(arg));
  if (unknown.length > 0) throw new CliUsageError(`${command}: unknown argument ${unknown[0]}`);
  return file === undefined ? undefined : resolve(file);
}

// Refusals the administrator fixes in the settings or the arguments: exit 2, no stack.
async function asUsageErrors<T>(command: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RestoreRefusedError || error instanceof BackupKeyError || error instanceof BackupFolderMissingError) {
      throw new CliUsageError(`${command}: ${error.message}`);
    }
    throw error;
  }
}

const describeCounts = (counts: TableCounts) =>
  Object.entries(counts)
    .map(([table, rows]) => `${table}: ${rows}`)
    .join(', ');

export const backupCommand: CliCommand = {
  name: 'backup',
  usage:
    '[--file PATH]  an encrypted backup of every table (age, BACKUP_ENCRYPTION_KEY; mode 0600) into BACKUP_DIR, ' +
    'deleting those past BACKUP_RETENTION_DAYS; or a one-off to PATH, which nothing deletes: delete it yourself',
  async run(app, args, print) {
    const file = fileArgument('backup', args, [], false);
    await asUsageErrors('backup', async () => {
      if (file) {
        print(`backup written to ${file} (${describeCounts(await app.get(BackupService).backup(file))})`);
        return;
      }
      const result = await app.get(ScheduledBackupsService).run({ onlyIfDue: false });
      if (!result.ran || !result.written) {
        print('backup: another instance is writing a backup right now; nothing done');
        return;
      }
      print(`backup written to ${result.written.file} (${describeCounts(result.written.counts)})`);
      print(`deleted ${result.deleted.length} backups past BACKUP_RETENTION_DAYS${result.deleted.map((name) => `\n  ${name}`).join('')}`);
    });
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: '--file PATH [--force]  replaces the database content by a backup; refuses a non-empty database without --force',
  async run(app, args, print) {
    const file = fileArgument('restore', args, ['--force']) as string;
    const counts = await asUsageErrors('restore', () => app.get(BackupService).restore(file, { force: args.includes('--force') }));
    print(`restored from ${file} (${describeCounts(counts)})`);
  },
};

export const restoreDrillCommand: CliCommand = {
  name: 'restore-drill',
  usage: 'restores the newest backup of BACKUP_DIR into a scratch database, compares it with the live one, prints the recovery time',
  async run(app, args, print) {
    if (args.length > 0) throw new CliUsageError(`restore-drill: unknown argument ${args[0]}`);
    const result = await asUsageErrors('restore-drill', () => app.get(RestoreDrillService).drill());
    for (const line of describeDrill(result)) print(line);
    if (!result.complete) throw new Error('restore drill failed: rows of the backup are missing from the restored database');
  },
};

export const backupKeyCommand: OfflineCliCommand = {
  name: 'backup:key',
  offline: true,
  usage: 'prints a new key for BACKUP_ENCRYPTION_KEY (last line); keep a copy off the server, or the backups cannot be read',
  async run(args, print) {
    if (args.length > 0) throw new CliUsageError(`backup:key: unknown argument ${args[0]}`);
    print(await generateBackupKey());
  },
};

function describeDrill(result: RestoreDrillResult): string[] {
  const { restored, live } = result.snapshot;
  const sameSnapshot = restored !== null && live !== null && restored.id === live.id && restored.digest === live.digest;
  const snapshot = !restored
    ? 'none in the backup'
    : sameSnapshot
      ? `restored = live (snapshot ${restored.id} of ${restored.createdAt.toISOString()}, ${restored.cells} cells)`
      : `differs: restored ${restored.id} of ${restored.createdAt.toISOString()}, live ${live ? `${live.id} of ${live.createdAt.toISOString()}` : 'none'}`;
  const changed = result.tables.filter((table) => table.live !== table.restored);
  const verdict = !result.complete
    ? 'INCOMPLETE: the restored database lacks rows of the backup'
    : changed.length === 0 && sameSnapshot
      ? 'complete; matches the live database'
      : `complete; the live database changed since the backup (${changed.map((table) => `${table.table} ${signed(table.live - table.restored)}`).join(', ') || 'statistics refreshed'})`;
  return [
    `restore drill: ${result.backup.name} (taken ${result.backup.takenAt.toISOString()})`,
    `recovery time: ${result.recoveryMs} ms (decrypt, migrate and reload into the scratch database ${result.scratchDatabase}, dropped since)`,
    `${'table'.padEnd(24)}${'backup'.padStart(10)}${'restored'.padStart(10)}${'live'.padStart(10)}`,
    ...result.tables.map(
      (table) => `${table.table.padEnd(24)}${String(table.inBackup).padStart(10)}${String(table.restored).padStart(10)}${String(table.live).padStart(10)}`,
    ),
    `statistics snapshot: ${snapshot}`,
    `result: ${verdict}`,
  ];
}

const signed = (value: number) => (value > 0 ? `+${value}` : String(value));
