import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { PageQueryDto } from '../common/page-query.dto';
import type { TokenIdentity } from '../tokens/access-token.entity';
import { AuditEntry } from './audit-entry.entity';
import { AuditPageResponse, toAuditEntryResponse } from './audit.dto';

const INSERT_ENTRY = `
  INSERT INTO audit_log (id, token_id, organisation, action, query, row_count) VALUES ($1, $2, $3, $4, $5::jsonb, $6)`;

export interface AuditRecord {
  /** The token that did it (from @CurrentToken() or authenticatedToken(request)). */
  token: TokenIdentity;
  /** A stable dotted name, e.g. `exports.stats.csv`, `reports.bulk`, `reports.exclude`. */
  action: string;
  /** What was asked: the query of an export, the report id of a moderation. Never a report's content. */
  query: Record<string, unknown>;
  /** Rows exported or imported; null when it does not apply. */
  rowCount: number | null;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntry) private readonly auditRepository: Repository<AuditEntry>) {}

  /** Writes one entry; pass the transaction's manager so the entry commits with the action. */
  async record(entry: AuditRecord, manager?: EntityManager): Promise<void> {
    await (manager ?? this.auditRepository.manager).query(INSERT_ENTRY, [
      randomUUID(),
      entry.token.id,
      entry.token.organisation,
      entry.action,
      JSON.stringify(entry.query),
      entry.rowCount,
    ]);
  }

  async list(page: PageQueryDto): Promise<AuditPageResponse> {
    const [entries, total] = await this.auditRepository.findAndCount({
      order: { createdAt: 'DESC', id: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items: entries.map(toAuditEntryResponse), total, limit: page.limit, offset: page.offset };
  }
}
