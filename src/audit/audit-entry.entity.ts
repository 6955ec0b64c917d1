import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One action done with a token: an export, a bulk import, a moderation decision. */
@Entity({ name: 'audit_log' })
export class AuditEntry {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'token_id', type: 'uuid' })
  tokenId: string;

  @Column({ type: 'text' })
  organisation: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'jsonb' })
  query: Record<string, unknown>;

  @Column({ name: 'row_count', type: 'integer', nullable: true })
  rowCount: number | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
