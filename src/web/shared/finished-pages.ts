import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EnvironmentVariables } from '../../config/env';
import { EventsService } from '../../events/events.service';
import { preferredEncoding, sendCompressed } from '../../http-compression';
import { StatsService } from '../../stats/stats.service';
import { FinishedPageCache } from './finished-page-cache';
import type { FieldErrors } from './form-errors';
import { absoluteUrl } from './page-reply';

/** About 70 /statistiques views at 107 funds (330 KB each with their two compressed copies), or a thousand fund pages (23 KB). */
const BUDGET_BYTES = 24 * 1024 * 1024;

/** A page asked for, its query checked: cheap to tell, so a kept page is found before any figure is read. */
export interface AskedPage {
  /** the page's own address written from the checked filters (never the raw query: junk parameters cannot add entries) */
  address: string;
  errors: FieldErrors;
}

/** A page built: its HTML, and its field errors (a 400, never kept), which building may add to. */
export interface BuiltPage {
  html: string;
  errors: FieldErrors;
}

const hasErrors = (errors: FieldErrors) => Object.keys(errors).length > 0;

/**
 * The statistics pages (/statistiques, a fund's, a département's) kept finished, rendered and
 * compressed (FinishedPageCache). A page is a function of its checked address, the snapshot, the
 * events and the origin its absolute links are written with (the union's identity is settings,
 * the same for the application's life): the key holds all four.
 */
@Injectable()
export class FinishedPages {
  private readonly cache = new FinishedPageCache(BUDGET_BYTES);

  constructor(
    private readonly statsService: StatsService,
    private readonly eventsService: EventsService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  /**
   * The page, from the cache or built; a page with field errors is a 400, and is kept neither then
   * nor before the first snapshot.
   */
  async answer<Asked extends AskedPage>(
    request: FastifyRequest,
    reply: FastifyReply,
    ask: () => Promise<Asked>,
    build: (asked: Asked) => Promise<BuiltPage>,
  ): Promise<string | Buffer> {
    // Read before the page reads anything: a change in between can only file newer content under
    // the older key (rebuilt at the next request), never older content under the newer one.
    const version = await this.version(request);
    const asked = await ask();
    const key = version !== undefined && !hasErrors(asked.errors) ? `${version} ${asked.address}` : undefined;
    const encoding = preferredEncoding(request.headers['accept-encoding']);
    const kept = key === undefined ? undefined : this.cache.find(key, encoding);
    if (kept) {
      sendCompressed(reply, encoding);
      return kept;
    }
    const page = await build(asked);
    if (key === undefined || hasErrors(page.errors)) {
      // Compressed by the plugin, as any answer.
      void reply.status(hasErrors(page.errors) ? 400 : 200);
      return page.html;
    }
    sendCompressed(reply, encoding);
    return this.cache.keep(key, page.html, encoding);
  }

  /** Everything a page depends on besides its address; undefined before the first snapshot. */
  private async version(request: FastifyRequest): Promise<string | undefined> {
    const [snapshotId, eventsVersion] = await Promise.all([this.statsService.newestSnapshotId(), this.eventsService.version()]);
    if (snapshotId === undefined) return undefined;
    // The origin og:url and og:image are written with: PUBLIC_URL, fixed, or without it the
    // request's Host. In the key, so a page kept for one host is never served to another with the
    // first one's links, and pages are kept whether PUBLIC_URL is set or not. Without PUBLIC_URL,
    // odd Host values can only crowd the cache out, as many different addresses could.
    const origin = absoluteUrl(request, '', this.config.get('PUBLIC_URL', { infer: true }));
    return `${snapshotId} ${eventsVersion} ${origin}`;
  }
}
