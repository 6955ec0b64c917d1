import type { DataSource } from 'typeorm';

/** A statement sent under a fixed name: PostgreSQL parses it once per connection, then reuses it. */
export interface PreparedStatement {
  name: string;
  text: string;
}

interface PgPool {
  query<Row>(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Row[] }>;
}

/**
 * Runs a hot-path statement (report intake) on TypeORM's own node-postgres pool, as a named
 * prepared statement. This skips TypeORM's query runner and PostgreSQL's parse and plan of every
 * request: at intake rates both cost as much as the insert itself (docs/performance.md). Same pool,
 * so the same limits, timeouts and 503s as every other query.
 */
export async function runPrepared<Row>(dataSource: DataSource, statement: PreparedStatement, values: unknown[]): Promise<Row[]> {
  const pool = (dataSource.driver as unknown as { master: PgPool }).master;
  const { rows } = await pool.query<Row>({ name: statement.name, text: statement.text, values });
  return rows;
}
