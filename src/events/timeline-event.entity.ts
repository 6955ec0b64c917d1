import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ScopeLevel } from './event-scope';

/** A dated event a union or an admin recorded (a reorganisation, a cut in posts), shown on the charts. */
@Entity({ name: 'timeline_events' })
export class TimelineEvent {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'scope_level', type: 'text' })
  scopeLevel: ScopeLevel;

  /** Null for `national`; a region name, a département code or a fund code otherwise. */
  @Column({ name: 'scope_code', type: 'text', nullable: true })
  scopeCode: string | null;

  @Column({ name: 'occurred_on', type: 'date' })
  date: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  source: string | null;

  /** The organisation of the token that recorded it: only that organisation (or an admin) may change it. */
  @Column({ type: 'text' })
  organisation: string;

  // Whole hours only, like every timestamp outside audit_log (privacy.md, "Unlinkable bookkeeping").
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
