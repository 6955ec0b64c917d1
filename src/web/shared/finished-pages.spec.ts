import type { ConfigService } from '@nestjs/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { gunzipSync } from 'node:zlib';
import type { EnvironmentVariables } from '../../config/env';
import type { EventsService } from '../../events/events.service';
import type { StatsService } from '../../stats/stats.service';
import { FinishedPages } from './finished-pages';
import type { FieldErrors } from './form-errors';

/** A reply that records its status and headers. */
function fakeReply(): FastifyReply & { statusCode: number; headers: Record<string, string> } {
  const reply = {
    statusCode: 200,
    headers: {} as Record<string, string>,
    status(code: number) {
      reply.statusCode = code;
      return reply;
    },
    header(name: string, value: string) {
      reply.headers[name] = value;
      return reply;
    },
    getHeader: (name: string) => reply.headers[name],
  };
  return reply as unknown as FastifyReply & typeof reply;
}

const request = (host: string, acceptEncoding?: string) =>
  ({ host, protocol: 'http', headers: { 'accept-encoding': acceptEncoding } }) as unknown as FastifyRequest;

describe(FinishedPages.name, () => {
  let snapshotId: string | undefined;
  let eventsVersion: number;
  let publicUrl: string | undefined;
  let builds: string[];
  let pages: FinishedPages;

  beforeEach(() => {
    snapshotId = 'snapshot-1';
    eventsVersion = 1;
    publicUrl = undefined;
    builds = [];
    pages = new FinishedPages(
      { newestSnapshotId: async () => snapshotId } as unknown as StatsService,
      { version: async () => eventsVersion } as unknown as EventsService,
      { get: () => publicUrl } as unknown as ConfigService<EnvironmentVariables, true>,
    );
  });

  /** A page whose HTML names what it was built from (host, snapshot, events), as og:url and the events table would. */
  const answer = (host: string, options: { address?: string; errors?: FieldErrors; builtErrors?: FieldErrors; acceptEncoding?: string } = {}) => {
    const { address = '/statistiques/caisses/751', errors = {}, builtErrors = errors, acceptEncoding } = options;
    const reply = fakeReply();
    const body = pages.answer(
      request(host, acceptEncoding),
      reply,
      async () => ({ address, errors }),
      async (): Promise<{ html: string; errors: FieldErrors }> => {
        const html = `<p>${publicUrl ?? `http://${host}`}${address} ${snapshotId} ${eventsVersion}</p>`.repeat(50);
        builds.push(html);
        return { html, errors: builtErrors };
      },
    );
    return body.then((sent) => ({ body: Buffer.isBuffer(sent) ? sent : Buffer.from(sent), reply }));
  };

  it('builds a page once, then answers it from the cache, compressed as asked, marked Vary: Accept-Encoding', async () => {
    const first = await answer('ij.example');
    const second = await answer('ij.example');
    expect(builds).toHaveLength(1);
    expect(second.body.equals(first.body)).toBe(true);
    expect(second.reply.headers.Vary).toBe('Accept-Encoding');
    const gzip = await answer('ij.example', { acceptEncoding: 'gzip' });
    expect(gzip.reply.headers['Content-Encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(first.body)).toBe(true);
    expect(builds).toHaveLength(1);
  });

  it('builds the page again for a new snapshot, a change of events, another address or another host without PUBLIC_URL', async () => {
    await answer('ij.example');
    snapshotId = 'snapshot-2';
    expect((await answer('ij.example')).body.toString()).toContain('snapshot-2');
    eventsVersion = 2;
    expect((await answer('ij.example')).body.toString()).toContain('snapshot-2 2</p>');
    await answer('ij.example', { address: '/statistiques/caisses/751?period=2025' });
    expect((await answer('autre.example')).body.toString()).toContain('http://autre.example/');
    expect(builds).toHaveLength(5);
  });

  it('shares one page between hosts when PUBLIC_URL writes its addresses', async () => {
    publicUrl = 'https://ij.example.org';
    await answer('ij.example');
    expect((await answer('autre.example')).body.toString()).toContain('https://ij.example.org/');
    expect(builds).toHaveLength(1);
  });

  it('answers a page with field errors with a 400 and keeps it not, whether the errors came from the query or the build', async () => {
    for (const options of [{ errors: { period: 'Choisissez une période dans la liste.' } }, { builtErrors: { after: 'Période refusée.' } }]) {
      builds = [];
      for (let time = 0; time < 2; time++) {
        const { reply, body } = await answer('ij.example', { address: '/statistiques/caisses/751?before=2025-Q1&after=2025-Q3', ...options });
        expect(reply.statusCode).toBe(400);
        // Left to the compression plugin, as any answer.
        expect(reply.headers.Vary).toBeUndefined();
        expect(body.toString()).toContain('<p>');
      }
      expect(builds).toHaveLength(2);
    }
  });

  it('keeps nothing before the first snapshot', async () => {
    snapshotId = undefined;
    await answer('ij.example');
    await answer('ij.example');
    expect(builds).toHaveLength(2);
  });
});
