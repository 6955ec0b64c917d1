import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { EnvironmentVariables } from '../config/env';
import { BackupKeyError, encryptTo, openDecrypted } from './backup-encryption';

const FORMAT = 'delais-ij-backup';
const FORMAT_VERSION = 1;
const BATCH_ROWS = 1_000;
// TypeORM's bookkeeping: the restored database keeps its own record of applied migrations.
// Abuse-protection state lives 48 h at most and must not outlive that in a backup (privacy.md).
const NOT_BACKED_UP = ['migrations', 'typeorm_metadata', 'server_secrets', 'rate_limit_windows', 'report_fingerprints', 'used_pow_challenges'];
// Reference data loaded by migrations: its presence does not make a database "non-empty".
const REFERENCE_TABLES = ['caisses'];

interface BackupHeader {
  format: string;
  version: number;
  migrations: string[];
  tables: string[];
}

export type TableCounts = Record<string, number>;

export class RestoreRefusedError extends Error {}

/**
 * A logical backup of every table of the service: gzip'd JSON lines (one header, then one line
 * per row, tables in foreign-key order), read in one REPEATABLE READ snapshot, encrypted with
 * BACKUP_ENCRYPTION_KEY (age format). Portable across PostgreSQL versions, unlike pg_dump, which
 * refuses a server newer than itself.
 */
@Injectable()
export class BackupService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  /** Writes `file` whole or not at all: into `file.partial`, renamed once complete. */
  async backup(file: string): Promise<TableCounts> {
    const key = this.config.get('BACKUP_ENCRYPTION_KEY', { infer: true });
    if (!key) throw new BackupKeyError('backups are encrypted: set BACKUP_ENCRYPTION_KEY (npm run cli -- backup:key makes one)');
    const partial = `${file}.partial`;
    const encryption = await encryptTo(createWriteStream(partial, { mode: 0o600 }), key);
    const gzip = createGzip();
    const written = Promise.all([pipeline(gzip, encryption.input), encryption.done]);
    // A write error (full disk) is awaited below; until then it must not crash the process.
    written.catch(() => undefined);
    const runner = this.dataSource.createQueryRunner();
    const write = async (value: unknown) => {
      if (!gzip.write(`${JSON.stringify(value)}\n`)) await once(gzip, 'drain');
    };
    const counts: TableCounts = {};
    try {
      await runner.connect();
      await runner.query('START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await runner.query(`SELECT set_config('statement_timeout', '0', true)`);
      const tables = await tablesInDependencyOrder(runner.manager);
      const header: BackupHeader = { format: FORMAT, version: FORMAT_VERSION, migrations: await appliedMigrations(runner.manager), tables };
      await write(header);
      for (const table of tables) counts[table] = await copyTable(runner, table, (row) => write({ t: table, r: row }));
      await runner.query('COMMIT');
    } catch (error) {
      gzip.end();
      await written.catch(() => undefined);
      await rm(partial, { force: true });
      throw error;
    } finally {
      await runner.release();
    }
    gzip.end();
    await written;
    await rename(partial, file);
    return counts;
  }

  /** Replaces the content of the database (or of `into`) by the backup's, in one transaction. */
  async restore(file: string, { force = false, into = this.dataSource }: { force?: boolean; into?: DataSource } = {}): Promise<TableCounts> {
    const lines = createInterface({ input: (await this.openBackup(file)).pipe(createGunzip()), crlfDelay: Infinity });
    const iterator = lines[Symbol.asyncIterator]();
    const header = parseHeader((await iterator.next()).value);
    return into.transaction(async (manager) => {
      await manager.query(`SELECT set_config('statement_timeout', '0', true)`);
      const migrations = await appliedMigrations(manager);
      if (migrations.join() !== header.migrations.join()) {
        throw new RestoreRefusedError(
          `the backup was taken at schema ${header.migrations.at(-1)} and this database is at ${migrations.at(-1)}: run the same version of the service`,
        );
      }
      const tables = await tablesInDependencyOrder(manager);
      if (!force) {
        const filled = await tablesWithRows(
          manager,
          tables.filter((table) => !REFERENCE_TABLES.includes(table)),
        );
        if (filled.length > 0)
          throw new RestoreRefusedError(`the database is not empty (${filled.join(', ')}): restore refused; add --force to replace its content`);
      }
      await manager.query(`TRUNCATE ${tables.map(quote).join(', ')} CASCADE`);
      const counts: TableCounts = Object.fromEntries(header.tables.map((table) => [table, 0]));
      let batch: { table: string; rows: unknown[] } | undefined;
      const flush = async () => {
        if (batch && batch.rows.length > 0) await insertRows(manager, batch.table, batch.rows);
        batch = undefined;
      };
      for await (const line of { [Symbol.asyncIterator]: () => iterator }) {
        if (line === '') continue;
        const { t: table, r: row } = JSON.parse(line) as { t: string; r: unknown };
        if (!tables.includes(table)) throw new RestoreRefusedError(`the backup holds table ${table}, unknown to this database`);
        if (batch?.table !== table) await flush();
        batch ??= { table, rows: [] };
        batch.rows.push(row);
        counts[table] += 1;
        if (batch.rows.length >= BATCH_ROWS) await flush();
      }
      await flush();
      await resetSequences(manager, tables);
      return counts;
    });
  }

  private async openBackup(file: string) {
    try {
      return await openDecrypted(file, this.config.get('BACKUP_ENCRYPTION_KEY', { infer: true }));
    } catch (error) {
      if (error instanceof BackupKeyError) throw new RestoreRefusedError(error.message);
      throw error;
    }
  }
}

function parseHeader(line: string | undefined): BackupHeader {
  try {
    const header = JSON.parse(line ?? '') as BackupHeader;
    if (header.format === FORMAT && header.version === FORMAT_VERSION) return header;
  } catch {
    // reported below
  }
  throw new RestoreRefusedError(`not a ${FORMAT} file (version ${FORMAT_VERSION})`);
}

/** A table or database name as an SQL identifier. */
export const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function appliedMigrations(manager: EntityManager): Promise<string[]> {
  const rows: { name: string }[] = await manager.query(`SELECT name FROM migrations ORDER BY timestamp, name`);
  return rows.map((row) => row.name);
}

/** The service's tables, each after the tables its foreign keys point to. */
async function tablesInDependencyOrder(manager: EntityManager): Promise<string[]> {
  const tables: { name: string }[] = await manager.query(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND NOT (table_name = ANY($1)) ORDER BY table_name`,
    [NOT_BACKED_UP],
  );
  const references: { child: string; parent: string }[] = await manager.query(
    `SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent
     FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`,
  );
  const ordered: string[] = [];
  const visit = (table: string, path: string[]) => {
    if (ordered.includes(table) || path.includes(table)) return;
    for (const { parent } of references.filter((reference) => reference.child === table)) visit(parent, [...path, table]);
    ordered.push(table);
  };
  for (const { name } of tables) visit(name, []);
  return ordered.filter((table) => tables.some((candidate) => candidate.name === table));
}

async function copyTable(runner: QueryRunner, table: string, emit: (row: unknown) => Promise<void>): Promise<number> {
  const cursor = `backup_${table.replace(/\W/g, '_')}`;
  await runner.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT to_jsonb(t) AS row FROM ${quote(table)} t`);
  let total = 0;
  while (true) {
    const rows: { row: unknown }[] = await runner.query(`FETCH ${BATCH_ROWS} FROM ${cursor}`);
    for (const { row } of rows) await emit(row);
    total += rows.length;
    if (rows.length < BATCH_ROWS) break;
  }
  await runner.query(`CLOSE ${cursor}`);
  return total;
}

async function tablesWithRows(manager: EntityManager, tables: string[]): Promise<string[]> {
  const filled: string[] = [];
  for (const table of tables) {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM ${quote(table)} LIMIT 1`);
    if (rows.length > 0) filled.push(table);
  }
  return filled;
}

// Generated columns are computed again; identity columns keep their backed-up values.
async function insertRows(manager: EntityManager, table: string, rows: unknown[]): Promise<void> {
  const columns: { name: string }[] = await manager.query(
    `SELECT column_name AS name FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
    [table],
  );
  const list = columns.map((column) => quote(column.name)).join(', ');
  await manager.query(
    `INSERT INTO ${quote(table)} (${list}) OVERRIDING SYSTEM VALUE
     SELECT ${list} FROM jsonb_populate_recordset(NULL::${quote(table)}, $1::jsonb)`,
    [JSON.stringify(rows)],
  );
}

async function resetSequences(manager: EntityManager, tables: string[]): Promise<void> {
  const owned: { table: string; column: string; sequence: string }[] = await manager.query(
    `SELECT table_name AS table, column_name AS column, pg_get_serial_sequence(quote_ident(table_name), column_name) AS sequence
     FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ANY($1)
       AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL`,
    [tables],
  );
  for (const { table, column, sequence } of owned) {
    await manager.query(`SELECT setval($1, COALESCE((SELECT max(${quote(column)}) FROM ${quote(table)}), 1), (SELECT count(*) > 0 FROM ${quote(table)}))`, [
      sequence,
    ]);
  }
}
