import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull, Repository } from 'typeorm';
import { ApiError, notFound, validationFailed } from '../common/api-error';
import { AuditService } from '../audit/audit.service';
import { CaissesService } from '../caisses/caisses.service';
import type { TokenIdentity } from '../tokens/access-token.entity';
import { DigestVersion } from './digest-version';
import { EventScope, resolveScope, scopeWithParents } from './event-scope';
import { CreateEventDto, EventListQueryDto, EventPageResponse, EventResponse, toEventResponse, UpdateEventDto } from './events.dto';
import { normaliseText } from './plain-text.validator';
import { TimelineEvent } from './timeline-event.entity';

// Newest first; events of one day in the order they were recorded, newest first too.
const NEWEST_FIRST = { date: 'DESC', createdAt: 'DESC', id: 'DESC' } as const;
const EDITABLE_FIELDS = ['scope', 'date', 'title', 'source'] as const;
// A chart marks a few dates; a bound keeps a page's query small however many are recorded.
const MAX_EVENTS_ON_A_PAGE = 200;
// How often version() asks the database whether another instance changed an event (as
// StatsService asks for the newest snapshot).
const VERSION_CHECK_MS = 1_000;
// Every column of every event: a digest of the whole table, which stays small (events are recorded
// by hand). No counter table to keep in step, and nothing added to the writes' transactions.
const TABLE_DIGEST_SQL = `
  SELECT md5(coalesce(string_agg(json_build_array(id, scope_level, scope_code, occurred_on, title, source, organisation)::text, ',' ORDER BY id), '')) AS digest
  FROM timeline_events`;

/** Dated events: anyone reads them; a union changes its organisation's, an admin any. */
@Injectable()
export class EventsService {
  private readonly tableVersion = new DigestVersion(() => this.readTableDigest(), VERSION_CHECK_MS);

  constructor(
    @InjectRepository(TimelineEvent) private readonly eventRepository: Repository<TimelineEvent>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly caissesService: CaissesService,
    private readonly auditService: AuditService,
  ) {}

  async list(query: EventListQueryDto): Promise<EventPageResponse> {
    const scope = query.scope === undefined ? undefined : this.resolveScopeOrFail(query.scope);
    const [events, total] = await this.eventRepository.findAndCount({
      where: scope ? { scopeLevel: scope.level, scopeCode: scope.code ?? IsNull() } : {},
      order: NEWEST_FIRST,
      take: query.limit,
      skip: query.offset,
    });
    return { items: events.map((event) => this.toResponse(event)), total, limit: query.limit, offset: query.offset };
  }

  /**
   * For the pages: the events that concern a scope (its own and its parents', see
   * eventsForScope in event-scope.ts), newest first, at most `limit`.
   */
  async concerning(scope: EventScope, limit = MAX_EVENTS_ON_A_PAGE): Promise<EventResponse[]> {
    const chain = scopeWithParents(scope, this.caissesService.findAll());
    const events = await this.eventRepository.find({
      where: chain.map((member) => ({ scopeLevel: member.level, scopeCode: member.code ?? IsNull() })),
      order: NEWEST_FIRST,
      take: limit,
    });
    return events.map((event) => this.toResponse(event));
  }

  /**
   * Grows whenever an event is created, edited or deleted: a key for what pages build from events
   * (FinishedPages). Seen at once for a change made through this instance, within
   * VERSION_CHECK_MS for one made on another.
   */
  version(): Promise<number> {
    return this.tableVersion.current();
  }

  private async readTableDigest(): Promise<string> {
    const [{ digest }] = await this.dataSource.query<{ digest: string }[]>(TABLE_DIGEST_SQL);
    return digest;
  }

  /** Runs a change in a transaction; once it is committed, version() reads the table again. */
  private async change<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(work);
    this.tableVersion.changed();
    return result;
  }

  create(dto: CreateEventDto, token: TokenIdentity): Promise<EventResponse> {
    const scope = this.resolveScopeOrFail(dto.scope);
    const id = randomUUID();
    return this.change(async (manager) => {
      await manager.getRepository(TimelineEvent).insert({
        id,
        scopeLevel: scope.level,
        scopeCode: scope.code,
        date: dto.date,
        title: normaliseText(dto.title),
        source: normaliseSource(dto.source ?? null),
        organisation: token.organisation,
      });
      const event = await manager.getRepository(TimelineEvent).findOneByOrFail({ id });
      await this.audit(manager, token, 'events.create', event);
      return this.toResponse(event);
    });
  }

  update(id: string, dto: UpdateEventDto, token: TokenIdentity): Promise<EventResponse> {
    // The DTO's class declares every field: the ones sent are those not undefined.
    const changed = EDITABLE_FIELDS.filter((field) => dto[field] !== undefined);
    if (changed.length === 0) throw validationFailed('Invalid request', [{ field: 'body', message: 'must change at least one field' }]);
    const scope = dto.scope === undefined ? undefined : this.resolveScopeOrFail(dto.scope);
    return this.change(async (manager) => {
      await this.findChangeable(manager, id, token);
      await manager.getRepository(TimelineEvent).update(
        { id },
        {
          ...(scope ? { scopeLevel: scope.level, scopeCode: scope.code } : {}),
          ...(dto.date !== undefined ? { date: dto.date } : {}),
          ...(dto.title !== undefined ? { title: normaliseText(dto.title) } : {}),
          ...(dto.source !== undefined ? { source: normaliseSource(dto.source) } : {}),
        },
      );
      const event = await manager.getRepository(TimelineEvent).findOneByOrFail({ id });
      await this.audit(manager, token, 'events.update', event, changed);
      return this.toResponse(event);
    });
  }

  async remove(id: string, token: TokenIdentity): Promise<void> {
    await this.change(async (manager) => {
      const event = await this.findChangeable(manager, id, token);
      await manager.getRepository(TimelineEvent).delete({ id });
      await this.audit(manager, token, 'events.delete', event);
    });
  }

  /** The event, locked for the change; 404 when there is none, 403 when it belongs to another organisation. */
  private async findChangeable(manager: EntityManager, id: string, token: TokenIdentity): Promise<TimelineEvent> {
    // A malformed id is as unknown as a missing one.
    if (!isUUID(id)) throw notFound('No event with this id');
    const event = await manager.getRepository(TimelineEvent).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!event) throw notFound('No event with this id');
    if (token.role !== 'admin' && event.organisation !== token.organisation) {
      throw new ApiError(403, 'FORBIDDEN', 'Only the organisation that recorded this event, or an admin, may change it');
    }
    return event;
  }

  private resolveScopeOrFail(input: string): EventScope {
    const scope = resolveScope(input, this.caissesService.findAll());
    if (!scope)
      throw validationFailed('Invalid request', [
        { field: 'scope', message: 'must be national, a region, a département code or a fund code from /api/caisses' },
      ]);
    return scope;
  }

  // The event as it stands after the change (as it stood, for a deletion): the audit log alone tells its history.
  private audit(manager: EntityManager, token: TokenIdentity, action: string, event: TimelineEvent, changed?: string[]): Promise<void> {
    const query = {
      eventId: event.id,
      ...(changed ? { changed } : {}),
      scopeLevel: event.scopeLevel,
      scopeCode: event.scopeCode,
      date: event.date,
      title: event.title,
      source: event.source,
      organisation: event.organisation,
    };
    return this.auditService.record({ token, action, query, rowCount: 1 }, manager);
  }

  private toResponse(event: TimelineEvent): EventResponse {
    return toEventResponse(event, this.caissesService.findAll());
  }
}

// The URL check accepts the scheme in any case (`HTTPS://`); it is stored as `https://`, as the
// table's check and the pages' links expect.
function normaliseSource(source: string | null): string | null {
  return source === null ? null : source.replace(/^https:/i, 'https:');
}
