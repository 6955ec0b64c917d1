import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { EnvironmentVariables } from '../config/env';
import { backupFileName, deleteExpiredBackups, newestBackup } from './backup-folder';
import { BackupService, TableCounts } from './backup.service';

// One writer of BACKUP_DIR at a time across every instance (and the CLI): the others skip.
const BACKUP_LOCK_KEY = 7_240_301;
// A tick a little early still counts: timers drift, and a backup must not slip a whole interval.
const DUE_TOLERANCE_MS = 5 * 60_000;

export interface ScheduledBackupResult {
  /** False when another instance held the lock: nothing was done. */
  ran: boolean;
  /** The file written, when one was due (or asked for). */
  written?: { file: string; counts: TableCounts; durationMs: number };
  /** Backups past BACKUP_RETENTION_DAYS, and partial files, deleted. */
  deleted: string[];
}

export class BackupFolderMissingError extends Error {}

/** Backups into BACKUP_DIR, rotated by BACKUP_RETENTION_DAYS, under an advisory lock. */
@Injectable()
export class ScheduledBackupsService {
  private readonly logger = new Logger(ScheduledBackupsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly backupService: BackupService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  /**
   * Writes a backup when the newest is older than BACKUP_INTERVAL_HOURS (always with `onlyIfDue:
   * false`; never when the interval is 0 and it is only due), then deletes expired ones.
   */
  async run({ onlyIfDue = true, now = () => new Date() }: { onlyIfDue?: boolean; now?: () => Date } = {}): Promise<ScheduledBackupResult> {
    const folder = this.folder();
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [BACKUP_LOCK_KEY]);
      if (!locked) return { ran: false, deleted: [] };
      try {
        const written = onlyIfDue && !(await this.isDue(folder, now())) ? undefined : await this.write(folder, now);
        const deleted = await deleteExpiredBackups(folder, this.config.get('BACKUP_RETENTION_DAYS', { infer: true }), now());
        if (written || deleted.length > 0) this.logRun(written, deleted);
        return { ran: true, written, deleted };
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [BACKUP_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }

  /** BACKUP_DIR, or a refusal the CLI shows as it is. */
  folder(): string {
    const folder = this.config.get('BACKUP_DIR', { infer: true });
    if (!folder) throw new BackupFolderMissingError('BACKUP_DIR is not set: say where backups go (and set BACKUP_ENCRYPTION_KEY)');
    return folder;
  }

  private async isDue(folder: string, now: Date): Promise<boolean> {
    const hours = this.config.get('BACKUP_INTERVAL_HOURS', { infer: true });
    if (hours === 0) return false;
    const newest = await newestBackup(folder);
    return !newest || now.getTime() - newest.takenAt.getTime() >= hours * 3_600_000 - DUE_TOLERANCE_MS;
  }

  private async write(folder: string, now: () => Date): Promise<ScheduledBackupResult['written']> {
    const started = Date.now();
    const file = join(folder, backupFileName(now()));
    const counts = await this.backupService.backup(file);
    return { file, counts, durationMs: Date.now() - started };
  }

  private logRun(written: ScheduledBackupResult['written'], deleted: string[]): void {
    const wrote = written ? `${written.file} written (${written.counts.reports ?? 0} reports, ${written.durationMs} ms)` : 'no backup due';
    this.logger.log(`backup: ${wrote}; ${deleted.length} expired or partial backup files deleted`);
  }
}
