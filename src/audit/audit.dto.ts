import { ApiProperty } from '@nestjs/swagger';
import type { AuditEntry } from './audit-entry.entity';

export class AuditEntryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) tokenId: string;
  @ApiProperty({ example: 'UD FO 75' }) organisation: string;
  @ApiProperty({ example: 'reports.bulk' }) action: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { format: 'csv' } }) query: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: Number }) rowCount: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AuditPageResponse {
  @ApiProperty({ type: [AuditEntryResponse] }) items: AuditEntryResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export function toAuditEntryResponse(entry: AuditEntry): AuditEntryResponse {
  return {
    id: entry.id,
    tokenId: entry.tokenId,
    organisation: entry.organisation,
    action: entry.action,
    query: entry.query,
    rowCount: entry.rowCount,
    createdAt: entry.createdAt.toISOString(),
  };
}
