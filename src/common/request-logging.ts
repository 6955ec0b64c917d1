import type { FastifyInstance } from 'fastify';

/**
 * One JSON line per request: id, method, route pattern, status, duration. Never the URL with
 * its query, a header, a body or the client address. Same line shape as Nest's JSON logger.
 */
export function logEveryRequest(fastify: FastifyInstance, sink: LineSink = stdoutSink): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    sink.write(
      JSON.stringify({
        level: 'log',
        pid: process.pid,
        timestamp: Date.now(),
        message: {
          requestId: request.id,
          method: request.method,
          route: request.routeOptions.url ?? 'unmatched',
          status: reply.statusCode,
          durationMs: Math.round(reply.elapsedTime * 10) / 10,
        },
        context: 'Http',
      }),
    );
    done();
  });
}

export interface LineSink {
  write(line: string): void;
}

/**
 * Lines gathered during one turn of the event loop leave in one write: under load, one syscall
 * per request was a large share of the service's CPU (docs/performance.md).
 */
export class BufferedLineSink implements LineSink {
  private pending: string[] = [];
  private scheduled = false;

  constructor(private readonly output: NodeJS.WritableStream) {
    process.once('exit', () => this.flush());
  }

  write(line: string): void {
    this.pending.push(line);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const chunk = `${this.pending.join('\n')}\n`;
    this.pending = [];
    this.output.write(chunk);
  }
}

const stdoutSink = new BufferedLineSink(process.stdout);
