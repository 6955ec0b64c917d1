import { expect } from '@jest/globals';
import TestAgent from 'supertest/lib/agent';
import { createToken } from './access-tokens';
import { daysAgo, reportBody } from './report-factory';
import type { TestApp } from './test-app';
import { seededRandom } from './seeded-random';

const CREDENTIAL_IN_QUERY = /[?&](token|access_token|api_key|bearer|auth|authorization)=/i;

export interface FuzzRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  path: string;
  headers: Record<string, string>;
  /** A raw body (sent as is) or nothing. */
  body?: string;
  /** Statuses that are right for this request. */
  allowed: number[];
}

const DATE_FIELDS = ['leaveStartedOn', 'certificateSentOn', 'firstPaidOn'];
const BAD_VALUES: unknown[] = [
  0,
  -1,
  1.5,
  1e308,
  true,
  false,
  '',
  ' ',
  'null',
  'maladie ',
  '751 ',
  '75',
  '7510',
  '2026-02-30',
  '2026-13-01',
  '2014-12-31',
  daysAgo(-1),
  daysAgo(-400),
  '01/09/2026',
  '2026-9-1',
  '2026-09-01T00:00:00Z',
  '１２３',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '\u0000',
  '\ud800',
  'x'.repeat(3000),
  [],
  [null],
  ['overdraft', 'overdraft'],
  ['none', 'borrowed'],
  ['unknown'],
  {},
  { $gt: '' },
  { toString: 'x' },
  [[[]]],
  'NaN',
  'Infinity',
  '1 84 12 75 108 237 42',
];
// None of these is a valid date, boolean or consequence list.
const INVALID_FOR_EVERY_FIELD = BAD_VALUES.filter((value) => typeof value !== 'boolean' && !(Array.isArray(value) && value.length === 0));
const EVENT_FIELDS = ['scope', 'date', 'title', 'source'];
const BAD_KEYS = ['__proto__', 'constructor', 'prototype', 'receipt', 'id', 'statusAsOf', 'moderation', 'name', 'nir', 'Consent', 'caisse_code', ''];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'text/csv',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=zz',
  'application/octet-stream',
  'application/json; charset=latin1',
  '',
];
const RAW_BODIES = [
  '',
  '{',
  '{"a":',
  'null',
  '[]',
  '"text"',
  '42',
  'true',
  '{"caisseCode":"751",}',
  "{'a':1}",
  '[{"consent":true}]',
  '{"a":1}{"b":2}',
  '\u0000',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
];

export class RequestFuzzer {
  private readonly random: () => number;

  /** `bearer`: a live union token, so that event bodies reach validation; without one they get 401. */
  constructor(
    seed: number,
    private readonly realReceipt: string,
    private readonly bearer?: string,
  ) {
    this.random = seededRandom(seed);
  }

  next(): FuzzRequest {
    const kind = this.pick(['post', 'post', 'post', 'patch', 'patch', 'get-mine', 'delete', 'reference', 'other-method', 'events']);
    switch (kind) {
      case 'events':
        return this.eventRequest();
      case 'post':
        return this.withContentType({
          method: 'POST',
          path: `/api/reports${this.query()}`,
          headers: this.idempotencyHeader(),
          body: this.invalidReport(),
          allowed: [400, 413, 415, 422],
        });
      case 'patch': {
        const useReal = this.random() < 0.5;
        return this.withContentType({
          method: 'PATCH',
          path: `/api/my-report${this.query()}`,
          headers: { 'X-Receipt': useReal ? this.realReceipt : this.badReceipt() },
          body: this.invalidUpdate(),
          allowed: useReal ? [400, 413, 415] : [400, 404, 413, 415],
        });
      }
      case 'get-mine': {
        const useReal = this.random() < 0.3;
        return {
          method: 'GET',
          path: `/api/my-report${this.query()}`,
          headers: { 'X-Receipt': useReal ? this.realReceipt : this.badReceipt() },
          allowed: useReal ? [200] : [404],
        };
      }
      case 'delete':
        return {
          method: 'DELETE',
          path: `/api/my-report${this.query()}`,
          headers: this.random() < 0.2 ? {} : { 'X-Receipt': this.badReceipt() },
          allowed: [404],
        };
      case 'reference':
        return { method: 'GET', path: `${this.pick(['/api/caisses', '/api/health'])}${this.query()}`, headers: {}, allowed: [200] };
      default:
        return {
          method: this.pick(['PUT', 'DELETE', 'PATCH', 'POST'] as const),
          path: this.pick(['/api/caisses', '/api/health', '/api/reports/1', '/api/my-report/x', '/api/reports/../caisses', '/api/%00', '/api/reports?x=%ZZ']),
          headers: {},
          body: this.random() < 0.5 ? '{}' : undefined,
          allowed: [400, 404, 405, 415],
        };
    }
  }

  // The events routes hold no event during the fuzz: a valid change finds nothing (404), a
  // new event's body is always invalid, so nothing is stored.
  private eventRequest(): FuzzRequest {
    const auth: Record<string, string> = this.bearer && this.random() < 0.8 ? { Authorization: this.bearer } : {};
    const unauthorized = auth.Authorization ? [] : [401];
    const id = this.pick(['6f1c2b8e-0d5b-4f55-9a57-8f1e3f3b2a10', 'x', '%00', '1', '%27%20OR%201%3D1%20--', 'ffffffff-ffff-ffff-ffff-ffffffffffff']);
    switch (this.pick(['list', 'list', 'create', 'create', 'update', 'delete'])) {
      case 'list':
        return { method: 'GET', path: `/api/events${this.eventQuery()}`, headers: auth, allowed: [200, 400] };
      case 'create':
        return this.withContentType({
          method: 'POST',
          path: '/api/events',
          headers: auth,
          body: this.invalidEvent(),
          allowed: [400, 413, 415, ...unauthorized],
        });
      case 'update':
        return this.withContentType({
          method: 'PATCH',
          path: `/api/events/${id}`,
          headers: auth,
          body: this.eventChange(),
          allowed: [400, 404, 413, 415, ...unauthorized],
        });
      default:
        return { method: 'DELETE', path: `/api/events/${id}`, headers: auth, allowed: [404, ...unauthorized] };
    }
  }

  private eventQuery(): string {
    if (this.random() < 0.3) return this.query();
    const scope = this.pick(['national', '751', '75', '2A', 'Bretagne', 'departement%3A974', '999', '', 'x'.repeat(80), '%00', 'region%3A', 'caisse%3A75']);
    return `?scope=${scope}${this.random() < 0.3 ? `&limit=${this.pick(['1', '0', '201', 'x', '-1'])}` : ''}`;
  }

  private invalidEvent(): string {
    if (this.random() < 0.15) return this.pick(RAW_BODIES);
    const body: Record<string, unknown> = { scope: '751', date: daysAgo(10), title: 'Réorganisation', source: 'https://example.org/x' };
    for (let index = this.integer(3); index > 0; index--) body[this.pick(EVENT_FIELDS)] = this.pick(BAD_VALUES);
    // Applied last, so that nothing undoes it.
    const surely = this.pick(['drop-required', 'unknown-field', 'bad-scope', 'bad-title', 'bad-source', 'bad-date']);
    if (surely === 'drop-required') delete body[this.pick(['scope', 'date', 'title'])];
    if (surely === 'unknown-field') setOwn(body, this.pick(['organisation', 'id', ...BAD_KEYS]) || 'extra', this.pick(BAD_VALUES));
    if (surely === 'bad-scope') body.scope = this.pick(['999', 'Bavière', 'caisse:75', 'departement:751', '', 751, null, 'National']);
    if (surely === 'bad-title') body.title = this.pick(['x'.repeat(121), '', '   ', 'a\nb', 'a\u0000', 'abc\u202edef', '\ud800', 42, null]);
    if (surely === 'bad-source')
      body.source = this.pick([
        'http://example.org',
        'javascript:alert(1)',
        'https://user:pw@example.org',
        'https://',
        'example.org',
        `https://example.org/${'a'.repeat(500)}`,
        1,
      ]);
    if (surely === 'bad-date') body.date = this.pick(['2026-02-30', daysAgo(-1), '1999-12-31', '05/12/2026', 20260101, null]);
    return this.serialise(body);
  }

  private eventChange(): string {
    if (this.random() < 0.15) return this.pick(RAW_BODIES);
    const body: Record<string, unknown> = {};
    for (let index = this.integer(3); index > 0; index--) body[this.pick(EVENT_FIELDS)] = this.pick([...BAD_VALUES, 'Grève', '751', daysAgo(3)]);
    return this.serialise(body);
  }

  // Always invalid: at least one mutation that no valid report has, then random others.
  private invalidReport(): string {
    if (this.random() < 0.15) return this.pick(RAW_BODIES);
    const body: Record<string, unknown> = reportBody({ firstPaidOn: daysAgo(5), certificateSentOn: daysAgo(20), consequences: ['overdraft'] });
    for (let index = this.integer(3); index > 0; index--) body[this.pick([...DATE_FIELDS, 'subrogation', 'consequences'])] = this.pick(BAD_VALUES);
    // Applied last, so that nothing undoes it.
    const surely = this.pick(['drop-required', 'unknown-field', 'consent', 'wrong-required', 'order']);
    if (surely === 'drop-required') delete body[this.pick(['caisseCode', 'allowanceKind', 'leaveStartedOn', 'consent'])];
    if (surely === 'unknown-field') setOwn(body, this.pick(BAD_KEYS) || 'extra', this.pick(BAD_VALUES));
    if (surely === 'consent') body.consent = this.pick([false, 'true', 1, null, 'yes']);
    if (surely === 'wrong-required') body[this.pick(['caisseCode', 'allowanceKind', 'leaveStartedOn'])] = this.pick(BAD_VALUES);
    if (surely === 'order') Object.assign(body, { leaveStartedOn: daysAgo(30), firstPaidOn: daysAgo(60) });
    return this.serialise(body);
  }

  private invalidUpdate(): string {
    if (this.random() < 0.15) return this.pick(RAW_BODIES);
    const body: Record<string, unknown> = {};
    const surely = this.pick(['empty', 'unknown-field', 'still-waiting', 'wrong-type']);
    if (surely === 'unknown-field')
      setOwn(body, this.pick(['leaveStartedOn', 'caisseCode', 'allowanceKind', 'id', 'receipt', ...BAD_KEYS]) || 'x', this.pick(BAD_VALUES));
    if (surely === 'still-waiting')
      Object.assign(body, { stillWaiting: this.pick([false, 'true', 1, 'yes']) }, this.random() < 0.5 ? { subrogation: true } : {});
    if (surely === 'wrong-type') body[this.pick([...DATE_FIELDS.slice(1), 'subrogation', 'consequences'])] = this.pick(INVALID_FOR_EVERY_FIELD);
    return this.serialise(body);
  }

  private serialise(body: Record<string, unknown>): string {
    const text = JSON.stringify(body);
    return this.random() < 0.05 ? text.slice(0, this.integer(text.length)) : text;
  }

  private withContentType(request: FuzzRequest): FuzzRequest {
    const type = this.random() < 0.8 ? 'application/json' : this.pick(CONTENT_TYPES);
    if (type !== '') request.headers['Content-Type'] = type;
    return request;
  }

  private idempotencyHeader(): Record<string, string> {
    if (this.random() < 0.5) return {};
    return { 'Idempotency-Key': this.pick(['', ' ', 'k'.repeat(256), 'ok-key', 'tab\there', 'é-accent', `fuzz-${this.integer(1e9)}`]) };
  }

  private badReceipt(): string {
    return this.pick([
      '',
      'AAAA-BBBB-CCCC-DDDD',
      '0000000000000000',
      'x'.repeat(300),
      "' OR '1'='1",
      'K7QF-9XWD-M2PA-83T',
      '%00',
      'ÿÿÿÿ',
      `${this.integer(1e12)}`,
    ]);
  }

  private query(): string {
    if (this.random() < 0.6) return '';
    return `?${this.pick(['a=1', 'receipt=K7QF-9XWD-M2PA-83TN', '__proto__[x]=1', 'x=%ZZ', 'a[]=1&a[]=2', 'caisseCode=751&caisseCode=131', `q=${'y'.repeat(2000)}`, '=&&=', 'token=abc'])}`;
  }

  private pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.random() * values.length)];
  }

  private integer(max: number): number {
    return Math.floor(this.random() * max);
  }
}

// `body.__proto__ = x` would set the prototype, which JSON.stringify skips: define an own key.
function setOwn(body: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(body, key, { value, enumerable: true, writable: true, configurable: true });
}

export interface FuzzOutcome {
  sent: number;
  byStatus: Record<number, number>;
  /** Requests whose answer broke a rule: wrong status, or an error body not in the contract's shape. */
  problems: string[];
}

export async function runFuzz(http: TestAgent, fuzzer: RequestFuzzer, count: number): Promise<FuzzOutcome> {
  const outcome: FuzzOutcome = { sent: 0, byStatus: {}, problems: [] };
  for (let index = 0; index < count; index++) {
    const request = fuzzer.next();
    let call = http[request.method.toLowerCase() as 'get'](request.path);
    for (const [name, value] of Object.entries(request.headers)) call = call.set(name, value);
    let response;
    try {
      response = await (request.body === undefined ? call : call.send(request.body));
    } catch (error) {
      // The client itself refused to send (an invalid header value): nothing reached the server.
      if (/Invalid character|ERR_INVALID_CHAR/.test(String(error))) continue;
      throw error;
    }
    outcome.sent += 1;
    outcome.byStatus[response.status] = (outcome.byStatus[response.status] ?? 0) + 1;
    const shapeOk = response.status < 400 || hasErrorShape(response.body, response.status);
    // A credential-like query parameter (?token=…) is refused with 401 on every route.
    const allowed = CREDENTIAL_IN_QUERY.test(request.path) ? [...request.allowed, 401] : request.allowed;
    if (!allowed.includes(response.status) || !shapeOk) {
      outcome.problems.push(
        `${request.method} ${request.path.slice(0, 80)} ${JSON.stringify(request.headers).slice(0, 120)} ${String(request.body).slice(0, 400)} → ${response.status} ${response.text.slice(0, 200)}`,
      );
    }
  }
  return outcome;
}

function hasErrorShape(body: unknown, status: number): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const { statusCode, code, message, details, ...rest } = body as Record<string, unknown>;
  const detailsOk =
    details === undefined || (Array.isArray(details) && details.every((detail) => typeof detail?.field === 'string' && typeof detail?.message === 'string'));
  return (
    statusCode === status && typeof code === 'string' && /^[A-Z_]+$/.test(code) && typeof message === 'string' && detailsOk && Object.keys(rest).length === 0
  );
}

/** Row counts and a checksum of every row the fuzz could have touched. */
export const DATABASE_FINGERPRINT = `
  SELECT (SELECT count(*)::int FROM reports) AS reports,
         (SELECT count(*)::int FROM idempotency_keys) AS idempotency_keys,
         (SELECT md5(coalesce(string_agg(to_jsonb(r)::text, '|' ORDER BY r.id), '')) FROM reports r) AS reports_checksum,
         (SELECT md5(coalesce(string_agg(encode(key_hash, 'hex') || encode(response, 'hex'), '|' ORDER BY key_hash), '')) FROM idempotency_keys) AS keys_checksum,
         (SELECT count(*)::int FROM timeline_events) AS events,
         (SELECT count(*)::int FROM audit_log) AS audit_entries`;

/** Runs `count` fuzzed requests and asserts the rules: expected 4xx (or 200), the error shape, no 5xx, the database unchanged. */
export async function expectFuzzLeavesNoTrace(testApp: TestApp, seed: number, receipt: string, count: number): Promise<void> {
  const union = await createToken(testApp, 'union', 'UD fuzz');
  const before = await testApp.db.query(DATABASE_FINGERPRINT);
  const outcome = await runFuzz(testApp.http, new RequestFuzzer(seed, receipt, union.bearer), count);
  expect(outcome.problems.slice(0, 5)).toEqual([]);
  expect(outcome.sent).toBeGreaterThan(count * 0.95);
  expect(Object.keys(outcome.byStatus).filter((status) => Number(status) >= 500)).toEqual([]);
  expect(await testApp.db.query(DATABASE_FINGERPRINT)).toEqual(before);
}
