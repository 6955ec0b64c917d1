import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Challenge } from 'altcha-lib';
import { createHmac } from 'node:crypto';
import { solveAltcha } from '../src/abuse/pow-solver';
import { duplicateContent, ReportContent } from '../src/abuse/report-signals';
import { ServerSecretsService } from '../src/abuse/server-secrets.service';
import { parisToday } from '../src/config/paris-date';
import { StatsService } from '../src/stats/stats.service';
import { TokensService } from '../src/tokens/tokens.service';
import { createToken } from './access-tokens';
import { daysAgo, reportBody } from './report-factory';
import { seededRandom } from './seeded-random';
import { startTestApp, TestApp } from './test-app';

// An attacker who reads the whole database (a stolen copy, a compromised server, an authority's
// request within 48 h), holding the day's address key and the list of addresses that sent
// reports, tries to tell which address sent which report (docs/security.md, attacker model).
const SENDERS = ['198.51.100.1', '198.51.100.2', '2001:db8:1:2::5', '203.0.113.9'];
const REPORTS_PER_SENDER = 4;
// Tables written atomically with a report by design: the report itself and its idempotency claim.
const WITH_THE_REPORT = ['reports', 'idempotency_keys'];

interface Sent {
  id: string;
  receipt: string;
  sender: string;
  body: ReportContent;
}

describe('an attacker with the database cannot link a report to its sender or its time', () => {
  let testApp: TestApp;
  const sent: Sent[] = [];
  const from = (address: string) => ({ 'X-Forwarded-For': address });

  beforeAll(async () => {
    testApp = await startTestApp({
      RATE_LIMIT_ENABLED: 'true',
      MODERATION_SIGNALS: 'true',
      POW_REQUIRED: 'true',
      POW_COST: '1',
      POW_MAX_COUNTER: '30',
      TRUST_PROXY: 'true',
    });
    // A burst from several addresses in a seeded random order, each report with its own challenge
    // fetched from its sender, half of them with an Idempotency-Key, two with the same content.
    const random = seededRandom(15);
    const queue = SENDERS.flatMap((sender) => Array.from({ length: REPORTS_PER_SENDER }, () => sender));
    for (let index = queue.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [queue[index], queue[other]] = [queue[other], queue[index]];
    }
    for (const [index, sender] of queue.entries()) {
      const challenge = await testApp.http.get('/api/pow-challenge').set(from(sender)).expect(200);
      const leave = index === 1 ? 40 : 30 + Math.floor(random() * 200);
      const body = reportBody({ leaveStartedOn: daysAgo(leave), firstPaidOn: daysAgo(leave - 20), altcha: await solveAltcha(challenge.body as Challenge) });
      const post = testApp.http.post('/api/reports').set(from(sender));
      if (index % 2 === 0) post.set('Idempotency-Key', `burst-${index}`);
      const created = await post.send(body).expect(201);
      sent.push({ id: created.body.id, receipt: created.body.receipt, sender, body: body as unknown as ReportContent });
    }
    // Each sender also changes one of its reports, and an office works with a token.
    for (const sender of SENDERS) {
      const report = sent.find((one) => one.sender === sender)!;
      await testApp.http.patch('/api/my-report').set(from(sender)).set('X-Receipt', report.receipt).send({ subrogation: true }).expect(200);
    }
    const union = await createToken(testApp, 'union');
    await testApp.http.post('/api/reports/bulk').set('Authorization', union.bearer).send([reportBody()]).expect(201);
    await testApp.app.get(TokensService).revoke(union.id);
    await testApp.app.get(StatsService).refresh();
  }, 120_000);
  afterAll(() => testApp.close());

  const xid = 'xmin::text::bigint';
  async function publicTables(): Promise<string[]> {
    const rows = await testApp.db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    return rows.map((row) => row.name);
  }

  it('shares no transaction id between a report sent anonymously and any other row but its idempotency claim', async () => {
    const ids = sent.map((one) => one.id);
    const reportXids = new Set(
      (await testApp.db.query<{ x: string }>(`SELECT ${xid} AS x FROM reports WHERE id = ANY($1::uuid[])`, [ids])).map((row) => row.x),
    );
    expect(reportXids.size).toBeGreaterThan(0);
    const tables = (await publicTables()).filter((table) => !WITH_THE_REPORT.includes(table));
    expect(tables).toEqual(expect.arrayContaining(['rate_limit_windows', 'report_fingerprints', 'used_pow_challenges', 'server_secrets']));
    for (const table of tables) {
      const shared = (await testApp.db.query<{ x: string }>(`SELECT ${xid} AS x FROM "${table}"`)).filter((row) => reportXids.has(row.x));
      expect({ table, shared: shared.length }).toEqual({ table, shared: 0 });
    }
  });

  // A union office's import commits with its audit entry, so the log never misses one: that entry
  // names the office and the time, never a person (docs/privacy.md).
  it('shares the transaction of a bulk import with its audit entry only', async () => {
    const bulkXids = (
      await testApp.db.query<{ x: string }>(`SELECT DISTINCT ${xid} AS x FROM reports WHERE NOT (id = ANY($1::uuid[]))`, [sent.map((one) => one.id)])
    ).map((row) => row.x);
    expect(bulkXids).toHaveLength(1);
    const sharing: string[] = [];
    for (const table of (await publicTables()).filter((name) => name !== 'reports')) {
      if ((await testApp.db.query(`SELECT 1 FROM "${table}" WHERE ${xid} = $1`, [bulkXids[0]])).length > 0) sharing.push(table);
    }
    expect(sharing).toEqual(['audit_log']);
  });

  it('keeps no time finer than the hour outside audit_log, and refuses to store one', async () => {
    const columns = await testApp.db.query<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
       WHERE c.table_schema = 'public' AND c.table_name <> 'audit_log'
         AND (c.data_type LIKE 'timestamp%' OR c.data_type LIKE 'time %' OR c.data_type = 'time')
       ORDER BY 1, 2`,
    );
    expect(columns.length).toBeGreaterThan(0);
    for (const { table_name: table, column_name: column } of columns) {
      const [row] = await testApp.db.query<{ filled: number; finer: number }>(
        `SELECT count(${column})::int AS filled, count(*) FILTER (WHERE ${column} <> utc_hour(${column}))::int AS finer FROM "${table}"`,
      );
      expect({ table, column, finer: row.finer }).toEqual({ table, column, finer: 0 });
      // The database itself refuses a finer time, whatever the code does.
      const checks = await testApp.db.query(`SELECT 1 FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'c' AND conname = $2`, [
        table,
        `${table}_${column}_hourly`,
      ]);
      expect({ table, column, checked: checks.length }).toEqual({ table, column, checked: 1 });
    }
    // Every column the burst could fill was filled, so the test looked at real values.
    const filled = await testApp.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM access_tokens WHERE revoked_at IS NOT NULL`);
    expect(filled).toEqual([{ n: 1 }]);
  });

  // The attacker's guess for each report, from its evidence, strongest first: a fingerprint of
  // (address + content) found in a table; the row just before the report (by transaction id)
  // naming one sender's keyed hash; else the best guess without evidence, the busiest sender.
  async function attack(): Promise<{ guesses: Map<string, string>; busiest: string }> {
    const secrets = testApp.app.get(ServerSecretsService);
    const today = parisToday();
    const traces = new Map<string, string[]>();
    for (const sender of SENDERS) {
      const hashes = await Promise.all(['rate-limit', 'report-fingerprint'].map((purpose) => secrets.addressHash(sender, today, purpose)));
      traces.set(
        sender,
        hashes.map((hash) => hash.toString('hex')),
      );
    }
    const rows: { x: number; text: string }[] = [];
    for (const table of (await publicTables()).filter((name) => !WITH_THE_REPORT.includes(name))) {
      for (const row of await testApp.db.query<{ x: string; text: string }>(`SELECT ${xid} AS x, to_jsonb(t)::text AS text FROM "${table}" t`)) {
        rows.push({ x: Number(row.x), text: row.text });
      }
    }
    const sentBy = (sender: string) => sent.filter((one) => one.sender === sender).length;
    const busiest = [...SENDERS].sort((a, b) => sentBy(b) - sentBy(a))[0];
    const guesses = new Map<string, string>();
    for (const report of await testApp.db.query<{ id: string; x: string }>(`SELECT id, ${xid} AS x FROM reports`)) {
      const truth = sent.find((one) => one.id === report.id);
      if (!truth) continue;
      const byFingerprint = SENDERS.find((sender) => {
        const fingerprint = createHmac('sha256', Buffer.from(traces.get(sender)![1], 'hex'))
          .update(duplicateContent(truth.body))
          .digest('hex');
        return rows.some((row) => row.text.includes(fingerprint));
      });
      const before = rows.filter((row) => row.x < Number(report.x)).sort((a, b) => b.x - a.x)[0];
      const named = before ? SENDERS.filter((sender) => traces.get(sender)!.some((trace) => before.text.includes(trace))) : [];
      guesses.set(report.id, byFingerprint ?? (named.length === 1 ? named[0] : busiest));
    }
    return { guesses, busiest };
  }

  it('matches reports to addresses no better than naming the busiest sender every time', async () => {
    const { guesses, busiest } = await attack();
    expect(guesses.size).toBe(sent.length);
    const correct = sent.filter((one) => guesses.get(one.id) === one.sender).length;
    expect(correct).toBeLessThanOrEqual(sent.filter((one) => one.sender === busiest).length);
  });

  it('would see a link: the same attack names the sender of a report written just after a row holding its hash alone', async () => {
    const { busiest } = await attack();
    const victim = sent.find((one) => one.sender !== busiest)!;
    const hash = await testApp.app.get(ServerSecretsService).addressHash(victim.sender, parisToday(), 'rate-limit');
    // What a per-sender counter, rewritten just before its sender's report, looked like.
    await testApp.db.query(
      `INSERT INTO rate_limit_windows (bucket, window_start, counts) VALUES ('planted', utc_hour(now()), jsonb_build_object($1::text, 1))`,
      [hash.toString('hex')],
    );
    await testApp.db.query(`UPDATE reports SET subrogation = NOT subrogation WHERE id = $1`, [victim.id]);
    try {
      expect((await attack()).guesses.get(victim.id)).toBe(victim.sender);
    } finally {
      await testApp.db.query(`DELETE FROM rate_limit_windows WHERE bucket = 'planted'`);
    }
  });
});
