import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A revert refused before it ran: the message says what it would lose and what to do instead. */
export class RevertRefusedError extends Error {}

type MigrationClass = new () => MigrationInterface;

/** What a migration's `down` would lose in this database, or null when it loses no report. */
type RevertGuard = (runner: QueryRunner) => Promise<string | null>;

const count = async (runner: QueryRunner, sql: string): Promise<number> => Number((await runner.query(sql))[0].n);

// Committed migrations are never edited, so the older ones' `down` cannot be made to keep what
// their schema cannot hold: the guard below each name refuses first. Migrations without a guard
// lose no report (an index, derived statistics recomputed by the next refresh, or abuse-protection
// state that lives at most 48 hours). test/migrations.e2e.spec.ts runs them all up, down and up.
const GUARDS: Record<string, RevertGuard> = {
  // Also stands for InitialSchema below it, whose down drops the reports table.
  LoadCaisses1764410000001: async (runner) => {
    const reports = await count(runner, `SELECT count(*) AS n FROM reports`);
    return reports > 0 ? `${reports} reports refer to the funds this migration loaded; without them the reports table would go too` : null;
  },
  ReportFacts1764410000002: async (runner) => {
    const moderated = await count(runner, `SELECT count(*) AS n FROM reports WHERE moderation <> 'accepted' OR moderation_reason IS NOT NULL`);
    return moderated > 0 ? `${moderated} reports are flagged or excluded, which the older schema cannot record (an excluded report would count again)` : null;
  },
  AccessTokensAndAudit1764430000000: async (runner) => {
    const tokens = await count(runner, `SELECT count(*) AS n FROM access_tokens`);
    const entries = await count(runner, `SELECT count(*) AS n FROM audit_log`);
    return tokens + entries > 0 ? `${tokens} tokens and ${entries} audit entries would be dropped` : null;
  },
  ReportNoticeVersion1764520000000: async (runner) => {
    const recorded = await count(runner, `SELECT count(*) AS n FROM reports WHERE notice_version IS NOT NULL`);
    return recorded > 0
      ? `${recorded} reports record the privacy notice they were given under (the proof of their consent), which the older schema cannot hold`
      : null;
  },
  TimelineEvents1765213000000: async (runner) => {
    const events = await count(runner, `SELECT count(*) AS n FROM timeline_events`);
    return events > 0 ? `${events} events recorded by unions and admins would be dropped` : null;
  },
  ReportCoarsening1764450000000: async (runner) => {
    const coarsened = await count(runner, `SELECT count(*) AS n FROM reports WHERE coarsened`);
    return coarsened > 0 ? `${coarsened} reports are coarsened: the purge erased their exact dates, which the older schema requires` : null;
  },
};

/** The migrations, each whose `down` could lose data refusing first (RevertRefusedError) when it would. */
export function withRevertGuards(migrations: MigrationClass[]): MigrationClass[] {
  return migrations.map((migration) => {
    const guard = GUARDS[migration.name];
    if (!guard) return migration;
    const guarded = class extends migration {
      async down(runner: QueryRunner): Promise<void> {
        const loss = await guard(runner);
        if (loss !== null) {
          throw new RevertRefusedError(
            `cannot revert ${migration.name}: ${loss}. Nothing was changed; to go back further, restore a backup taken before this upgrade.`,
          );
        }
        await super.down(runner);
      }
    };
    // TypeORM knows a migration by its `name` (set on every instance) or its class name.
    Object.defineProperty(guarded, 'name', { value: migration.name });
    return guarded;
  });
}
