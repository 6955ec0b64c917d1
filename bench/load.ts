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
  const answeredAt: number[] = [];
  (instance as unknown as EventEmitter).on('response', () => answeredAt.push(performance.now()));
  const result = await instance;
  return {
    requestsPerSecond: steadyRate(answeredAt),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

/**
 * Answers per second between the 10th and the 90th percentile of answer times: while every
 * connection is busy. A run of a fixed number of requests (each proof-of-work solution is used
 * once) ends with fewer and fewer busy connections, and its start-to-end rate would be lower than
 * a timed run's for the same server; autocannon's own per-second figures tick in whole seconds.
 */
export function steadyRate(answeredAt: number[]): number {
  const first = Math.floor(answeredAt.length * 0.1);
  const last = Math.floor(answeredAt.length * 0.9);
  return ((last - first) * 1000) / (answeredAt[last] - answeredAt[first]);
}
