import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  total: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  /** One Idempotency-Key per request. */
  uniqueIdempotencyKeys?: boolean;
  /** Rotates through these paths (GET statistics with varied queries). */
  paths?: string[];
  /** One body each, in order (e.g. each with its own proof-of-work solution); sends exactly that many. */
  bodies?: string[];
  /** A random client address per request in X-Forwarded-For (the server trusts the proxy). */
  randomClientAddresses?: boolean;
}

function randomAddress(): string {
  return `10.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;
}

/** One bounded autocannon run on loopback. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  let next = 0;
  const started = process.hrtime.bigint();
  let lastResponse = started;
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.bodies ? { amount: options.bodies.length } : { duration: options.seconds }),
    method: options.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(options.headers ?? {}) },
    body: options.body,
    requests: [
      {
        setupRequest: (request) => {
          const headers = { ...(request.headers ?? {}) };
          if (options.uniqueIdempotencyKeys) headers['idempotency-key'] = randomUUID();
          if (options.randomClientAddresses) headers['x-forwarded-for'] = randomAddress();
          const index = next++;
          const path = options.paths ? options.paths[index % options.paths.length] : request.path;
          const body = options.bodies ? options.bodies[index % options.bodies.length] : request.body;
          return { ...request, headers, path, body };
        },
      },
    ],
  });
  // The returned instance is both an event emitter and a promise of the result.
  (instance as unknown as EventEmitter).on('response', () => (lastResponse = process.hrtime.bigint()));
  const result = await instance;
  // Completed requests from the start to the last answer: autocannon's own duration and
  // per-second average tick in whole seconds, too coarse for a fixed number of requests.
  const elapsedSeconds = Number(lastResponse - started) / 1e9;
  return {
    requestsPerSecond: result.requests.total / elapsedSeconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}
