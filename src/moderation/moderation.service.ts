import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { notFound } from '../common/api-error';
import { Report } from '../reports/report.entity';
import { toReportResponse } from '../reports/reports.dto';
import type { TokenIdentity } from '../tokens/access-token.entity';
import { ModeratedReportPageResponse, ModeratedReportResponse, ModerationListQueryDto } from './moderation.dto';

/** Admins set reports aside (excluded) or back (accepted); statistics read accepted reports only. */
@Injectable()
export class ModerationService {
  constructor(
    @InjectRepository(Report) private readonly reportRepository: Repository<Report>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditService: AuditService,
  ) {}

  // Reports have no timestamp by design: the id order is only a stable order for paging.
  async list(query: ModerationListQueryDto): Promise<ModeratedReportPageResponse> {
    const [reports, total] = await this.reportRepository.findAndCount({
      where: query.moderation ? { moderation: query.moderation } : {},
      order: { id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items: reports.map(toModeratedReport), total, limit: query.limit, offset: query.offset };
  }

  exclude(id: string, reason: string, token: TokenIdentity): Promise<ModeratedReportResponse> {
    return this.moderate(id, { moderation: 'excluded', moderationReason: reason }, token, 'reports.exclude');
  }

  restore(id: string, token: TokenIdentity): Promise<ModeratedReportResponse> {
    return this.moderate(id, { moderation: 'accepted', moderationReason: null }, token, 'reports.restore');
  }

  private moderate(
    id: string,
    change: Pick<Report, 'moderation' | 'moderationReason'>,
    token: TokenIdentity,
    action: string,
  ): Promise<ModeratedReportResponse> {
    // A malformed id is as unknown as a missing one: 404 either way.
    if (!isUUID(id)) throw notFound('No report with this id');
    return this.dataSource.transaction(async (manager) => {
      const result = await manager.getRepository(Report).update({ id }, change);
      if (result.affected !== 1) throw notFound('No report with this id');
      await this.auditService.record(
        { token, action, query: { reportId: id, ...(change.moderationReason ? { reason: change.moderationReason } : {}) }, rowCount: 1 },
        manager,
      );
      return toModeratedReport(await manager.getRepository(Report).findOneByOrFail({ id }));
    });
  }
}

function toModeratedReport(report: Report): ModeratedReportResponse {
  return { ...toReportResponse(report), moderation: report.moderation, moderationReason: report.moderationReason };
}
