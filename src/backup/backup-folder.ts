import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

// The time is in the name, not taken from the file's mtime, which a copy or a restore of the
// folder changes: rotation must not keep a backup past its day because it was moved.
const BACKUP_NAME = /^delais-ij-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.jsonl\.gz\.age$/;
// Left by a backup interrupted mid-way (crash, full disk): never complete, never restored.
const PARTIAL_NAME = /^delais-ij-.*\.partial$/;
const DAY_MS = 86_400_000;

export interface BackupFile {
  name: string;
  path: string;
  takenAt: Date;
}

/** `delais-ij-20261205T090000Z.jsonl.gz.age`: sorts by time, says what it holds. */
export function backupFileName(takenAt: Date): string {
  const stamp = takenAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return `delais-ij-${stamp}.jsonl.gz.age`;
}

/** The service's backups in `folder`, oldest first; other files are none of its business. */
export async function listBackups(folder: string): Promise<BackupFile[]> {
  const backups: BackupFile[] = [];
  for (const name of await readdir(folder)) {
    const parts = BACKUP_NAME.exec(name);
    if (!parts) continue;
    const [year, month, day, hour, minute, second] = parts.slice(1).map(Number);
    backups.push({ name, path: join(folder, name), takenAt: new Date(Date.UTC(year, month - 1, day, hour, minute, second)) });
  }
  return backups.sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime());
}

export async function newestBackup(folder: string): Promise<BackupFile | undefined> {
  return (await listBackups(folder)).at(-1);
}

/**
 * Deletes the backups taken more than `retentionDays` ago, and partial files of interrupted
 * backups; call it under the backup lock, when no backup is being written. Returns the names.
 */
export async function deleteExpiredBackups(folder: string, retentionDays: number, now: Date): Promise<string[]> {
  const limit = now.getTime() - retentionDays * DAY_MS;
  const expired = (await listBackups(folder)).filter((backup) => backup.takenAt.getTime() < limit).map((backup) => backup.name);
  const partial = (await readdir(folder)).filter((name) => PARTIAL_NAME.test(name));
  for (const name of [...expired, ...partial]) await rm(join(folder, name), { force: true });
  return [...expired, ...partial];
}
