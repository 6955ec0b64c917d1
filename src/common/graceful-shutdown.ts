import type { FastifyInstance } from 'fastify';

// Requests already sent may still sit in socket buffers when SIGTERM arrives: closing the server
// at once would reset them. For a short grace the service keeps answering, asking every client
// to close its connection; then it stops listening and waits for the requests in flight.
export const DRAIN_GRACE_MS = 1_000;

let draining = false;

/** Adds `Connection: close` to every answer once draining has begun. */
export function closeConnectionsWhenDraining(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (draining) void reply.header('Connection', 'close');
    done(null, payload);
  });
}

/** True from the moment a drain begins: readiness then answers 503. */
export function isDraining(): boolean {
  return draining;
}

/** Called on SIGTERM/SIGINT: resolves after the grace period. */
export async function beginDraining(graceMs = DRAIN_GRACE_MS): Promise<void> {
  draining = true;
  await new Promise((resolve) => setTimeout(resolve, graceMs));
}
