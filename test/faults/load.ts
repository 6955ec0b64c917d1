import { reportBody } from '../report-factory';

export interface Attempt {
  key: string;
  body: Record<string, unknown>;
  status: number;
  /** Milliseconds from the start of the run when the answer (or the failure) came. */
  at: number;
  latencyMs: number;
  id?: string;
  retryAfter?: string | null;
}

/** POSTs reports with an Idempotency-Key each, `concurrency` at a time, until `stop()` says so. */
export async function postUntil(baseUrl: string, concurrency: number, stop: () => boolean, prefix: string): Promise<Attempt[]> {
  const attempts: Attempt[] = [];
  const started = Date.now();
  let next = 0;
  const worker = async () => {
    while (!stop()) {
      const key = `${prefix}-${next++}`;
      const body = reportBody({ consequences: next % 2 ? ['overdraft'] : [] });
      attempts.push(await postOnce(baseUrl, key, body, started));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return attempts;
}

export async function postOnce(baseUrl: string, key: string, body: Record<string, unknown>, started = Date.now()): Promise<Attempt> {
  const sent = Date.now();
  try {
    const response = await fetch(`${baseUrl}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const answer = (await response.json()) as { id?: string };
    return {
      key,
      body,
      status: response.status,
      at: Date.now() - started,
      latencyMs: Date.now() - sent,
      id: answer.id,
      retryAfter: response.headers.get('retry-after'),
    };
  } catch {
    // Connection refused or reset: no answer at all (status 0).
    return { key, body, status: 0, at: Date.now() - started, latencyMs: Date.now() - sent };
  }
}

export function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends the attempts again with their own keys, `concurrency` at a time. */
export async function retryAll(baseUrl: string, attempts: Attempt[], concurrency = 8): Promise<Attempt[]> {
  const queue = [...attempts];
  const answers: Attempt[] = [];
  const worker = async () => {
    for (let attempt = queue.shift(); attempt; attempt = queue.shift()) answers.push(await postOnce(baseUrl, attempt.key, attempt.body));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return answers;
}
