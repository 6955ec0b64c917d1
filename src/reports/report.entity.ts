import { Column, Entity, PrimaryColumn } from 'typeorm';

export const ALLOWANCE_KINDS = ['maladie', 'accident_travail', 'maladie_professionnelle', 'maternite', 'paternite'] as const;
export type AllowanceKind = (typeof ALLOWANCE_KINDS)[number];

export const CONSEQUENCES = ['overdraft', 'unpaid_bills', 'borrowed', 'emergency_aid', 'none'] as const;
export type Consequence = (typeof CONSEQUENCES)[number];

/** One leave episode as the insured person reported it. Calendar dates only (YYYY-MM-DD). */
@Entity({ name: 'reports' })
export class Report {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** SHA-256 of the normalised receipt; the receipt itself is never stored. */
  @Column({ name: 'receipt_hash', type: 'bytea', select: false })
  receiptHash: Buffer;

  @Column({ name: 'caisse_code', type: 'char', length: 3 })
  caisseCode: string;

  @Column({ name: 'allowance_kind', type: 'text' })
  allowanceKind: AllowanceKind;

  @Column({ name: 'leave_started_on', type: 'date' })
  leaveStartedOn: string;

  @Column({ name: 'certificate_sent_on', type: 'date', nullable: true })
  certificateSentOn: string | null;

  @Column({ name: 'first_paid_on', type: 'date', nullable: true })
  firstPaidOn: string | null;

  @Column({ type: 'boolean', default: false })
  subrogation: boolean;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  consequences: Consequence[];

  /** accepted (counts in statistics), flagged (awaits an admin) or excluded by an admin. */
  @Column({ type: 'text', default: 'accepted' })
  moderation: 'accepted' | 'flagged' | 'excluded';

  @Column({ name: 'moderation_reason', type: 'text', nullable: true })
  moderationReason: string | null;

  /** The version of /confidentialite's notice the report was given under (privacy-notice.ts); null before it was recorded. */
  @Column({ name: 'notice_version', type: 'text', nullable: true })
  noticeVersion: string | null;

  /** The last day the person confirmed the status (creation or last update). */
  @Column({ name: 'status_as_of', type: 'date' })
  statusAsOf: string;

  // Once settled, the purge job coarsens a report (src/retention): the exact dates above become
  // null (typed non-null: code that reads them checks `coarsened` first) and these hold what
  // statistics need.
  @Column({ type: 'boolean', default: false })
  coarsened: boolean;

  @Column({ name: 'coarse_leave_month', type: 'date', nullable: true })
  coarseLeaveMonth: string | null;

  @Column({ name: 'coarse_duration_days', type: 'integer', nullable: true })
  coarseDurationDays: number | null;

  @Column({ name: 'coarse_paid', type: 'boolean', nullable: true })
  coarsePaid: boolean | null;

  @Column({ name: 'coarse_fund_duration_days', type: 'integer', nullable: true })
  coarseFundDurationDays: number | null;
}

type CoarseColumns = 'coarsened' | 'coarseLeaveMonth' | 'coarseDurationDays' | 'coarsePaid' | 'coarseFundDurationDays';

/** What the reporter said, as the API shows it back (no receipt hash, no moderation). */
export type ReportFields = Omit<Report, 'receiptHash' | 'moderation' | 'moderationReason' | CoarseColumns>;
