// The yardstick of the intake benchmark: a minimal Fastify + pg server doing by hand the same
// work as POST /api/reports (validation, the fund check, receipt generation and hashing, one
// parameterised INSERT), with none of the framework. Run: node -r ts-node/register/transpile-only
// bench/baseline-server.ts (DATABASE_URL and PORT from the environment).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { Pool } from 'pg';

const KINDS = new Set(['maladie', 'accident_travail', 'maladie_professionnelle', 'maternite', 'paternite']);
const CONSEQUENCES = new Set(['overdraft', 'unpaid_bills', 'borrowed', 'emergency_aid', 'none']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const parisDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' });

function today(): string {
  return parisDate.format(new Date());
}

function isDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function receipt(): string {
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let out = '';
  for (let index = 0; index < 16; index++) {
    out = ALPHABET[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return out;
}

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
  const codes = new Set((await pool.query<{ code: string }>('SELECT code FROM caisses')).rows.map((row) => row.code));
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  const allowed = new Set(['caisseCode', 'allowanceKind', 'leaveStartedOn', 'certificateSentOn', 'firstPaidOn', 'subrogation', 'consequences', 'consent']);

  app.post('/api/reports', async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const errors: { field: string; message: string }[] = [];
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return reply.code(400).send({ statusCode: 400 });
    for (const key of Object.keys(body)) if (!allowed.has(key)) errors.push({ field: key, message: 'unknown' });
    const now = today();
    if (typeof body.caisseCode !== 'string' || !codes.has(body.caisseCode)) errors.push({ field: 'caisseCode', message: 'bad' });
    if (typeof body.allowanceKind !== 'string' || !KINDS.has(body.allowanceKind)) errors.push({ field: 'allowanceKind', message: 'bad' });
    if (!isDate(body.leaveStartedOn) || body.leaveStartedOn > now || body.leaveStartedOn < '2015-01-01')
      errors.push({ field: 'leaveStartedOn', message: 'bad' });
    for (const field of ['certificateSentOn', 'firstPaidOn']) {
      const value = body[field];
      if (value === undefined || value === null) continue;
      if (!isDate(value) || value > now || value < (body.leaveStartedOn as string)) errors.push({ field, message: 'bad' });
    }
    if (body.subrogation !== undefined && typeof body.subrogation !== 'boolean') errors.push({ field: 'subrogation', message: 'bad' });
    const consequences = body.consequences ?? [];
    if (
      !Array.isArray(consequences) ||
      new Set(consequences).size !== consequences.length ||
      consequences.some((value) => !CONSEQUENCES.has(value as string))
    ) {
      errors.push({ field: 'consequences', message: 'bad' });
    }
    if (body.consent !== true) errors.push({ field: 'consent', message: 'bad' });
    if (errors.length > 0) return reply.code(400).send({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'Invalid report', details: errors });

    const id = randomUUID();
    const code = receipt();
    const hash = createHash('sha256').update(`receipt:${code}`).digest();
    await pool.query(
      `INSERT INTO reports (id, receipt_hash, caisse_code, allowance_kind, leave_started_on, certificate_sent_on,
                            first_paid_on, subrogation, consequences, status_as_of)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        hash,
        body.caisseCode,
        body.allowanceKind,
        body.leaveStartedOn,
        body.certificateSentOn ?? null,
        body.firstPaidOn ?? null,
        body.subrogation ?? false,
        consequences,
        now,
      ],
    );
    return reply.code(201).send({ id, receipt: code.match(/.{4}/g)!.join('-'), ...body, status: body.firstPaidOn ? 'paid' : 'waiting', statusAsOf: now });
  });

  await app.listen({ port: Number(process.env.PORT ?? 3001), host: '127.0.0.1' });
  process.stdout.write('listening on port\n');
  const stop = async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

void main();
