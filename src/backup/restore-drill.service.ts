import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { allowLongStatements, buildDataSourceOptions, runMigrations } from '../database/data-source-options';
import { BackupFile, newestBackup } from './backup-folder';
import { BackupService, quote, RestoreRefusedError } from './backup.service';
import { ScheduledBackupsService } from './scheduled-backups.service';

// The newest snapshot and a digest of all its cells (every column, whatever the schema adds):
// equal digests mean the restored statistics are the ones the live service publishes.
const SNAPSHOT_DIGEST = `
  SELECT s.id::text AS id, s.created_at AS "createdAt", count(c.cell)::int AS cells,
         md5(COALESCE(string_agg((to_jsonb(c) - 'snapshot_id')::text, '|' ORDER BY c.cell), '')) AS digest
  FROM (SELECT id, created_at FROM stats_snapshots ORDER BY id DESC LIMIT 1) s
  LEFT JOIN stats_cells c ON c.snapshot_id = s.id
  GROUP BY s.id, s.created_at`;
const INSUFFICIENT_PRIVILEGE = '42501';
// Counting and digesting a large database outlasts the pool's DB_STATEMENT_TIMEOUT_MS.
const COMPARISON_TIMEOUT_MS = 30 * 60_000;

export interface SnapshotDigest {
  id: string;
  createdAt: Date;
  cells: number;
  digest: string;
}

export interface TableComparison {
  table: string;
  /** Rows the backup file holds. */
  inBackup: number;
  /** Rows counted in the scratch database after the restore. */
  restored: number;
  /** Rows in the live database now. */
  live: number;
}

export interface RestoreDrillResult {
  backup: BackupFile;
  scratchDatabase: string;
  /** From opening the file to the last row committed: decryption, migrations, reload. */
  recoveryMs: number;
  tables: TableComparison[];
  snapshot: { restored: SnapshotDigest | null; live: SnapshotDigest | null };
  /** Every row of the backup is in the scratch database. */
  complete: boolean;
}

/**
 * Proves the newest backup restores: into a scratch database on the same server (created, then
 * dropped), timed, and compared with the live database table by table and snapshot to snapshot.
 */
@Injectable()
export class RestoreDrillService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly backupService: BackupService,
    private readonly scheduledBackups: ScheduledBackupsService,
  ) {}

  async drill(): Promise<RestoreDrillResult> {
    const backup = await newestBackup(this.scheduledBackups.folder());
    if (!backup) throw new RestoreRefusedError(`no backup in BACKUP_DIR yet: run npm run cli -- backup first`);
    const [{ name }] = await this.dataSource.query(`SELECT current_database() AS name`);
    const scratchDatabase = `${name as string}_restore_drill`.slice(0, 63);
    await this.createScratchDatabase(scratchDatabase);
    try {
      const scratchUrl = withDatabase(this.liveUrl(), scratchDatabase);
      const started = Date.now();
      await runMigrations(scratchUrl);
      const scratch = new DataSource({ ...buildDataSourceOptions(scratchUrl), extra: { max: 1 } });
      await scratch.initialize();
      try {
        const inBackup = await this.backupService.restore(backup.path, { into: scratch });
        const recoveryMs = Date.now() - started;
        const tables: TableComparison[] = [];
        for (const [table, rows] of Object.entries(inBackup)) {
          tables.push({ table, inBackup: rows, restored: await countRows(scratch, table), live: await countRows(this.dataSource, table) });
        }
        const snapshot = { restored: await snapshotDigest(scratch), live: await snapshotDigest(this.dataSource) };
        const complete = tables.every((table) => table.restored === table.inBackup);
        return { backup, scratchDatabase, recoveryMs, tables, snapshot, complete };
      } finally {
        await scratch.destroy();
      }
    } finally {
      await this.dataSource.query(`DROP DATABASE IF EXISTS ${quote(scratchDatabase)} WITH (FORCE)`);
    }
  }

  private async createScratchDatabase(database: string): Promise<void> {
    await this.dataSource.query(`DROP DATABASE IF EXISTS ${quote(database)} WITH (FORCE)`);
    try {
      await this.dataSource.query(`CREATE DATABASE ${quote(database)}`);
    } catch (error) {
      if ((error as { code?: string }).code !== INSUFFICIENT_PRIVILEGE) throw error;
      throw new RestoreRefusedError(
        `the database role may not create the scratch database ${database}: run the drill as a role with CREATEDB (the owner role)`,
      );
    }
  }

  private liveUrl(): string {
    const { url } = this.dataSource.options as { url?: string };
    if (!url) throw new Error('the drill needs the database URL of the live service');
    return url;
  }
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

async function countRows(dataSource: DataSource, table: string): Promise<number> {
  return dataSource.transaction(async (manager) => {
    await allowLongStatements(manager, COMPARISON_TIMEOUT_MS);
    const [{ rows }] = await manager.query(`SELECT count(*)::int AS rows FROM ${quote(table)}`);
    return rows as number;
  });
}

async function snapshotDigest(dataSource: DataSource): Promise<SnapshotDigest | null> {
  return dataSource.transaction(async (manager) => {
    await allowLongStatements(manager, COMPARISON_TIMEOUT_MS);
    const rows: SnapshotDigest[] = await manager.query(SNAPSHOT_DIGEST);
    return rows[0] ?? null;
  });
}
