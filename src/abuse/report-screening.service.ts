import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { clientAddress } from '../common/http-hygiene';
import type { EnvironmentVariables } from '../config/env';
import { parisToday } from '../config/paris-date';
import type { TokenIdentity } from '../tokens/access-token.entity';
import { authenticatedToken } from '../tokens/authenticated-token';
import { runPrepared } from '../database/prepared-statements';
import { bookkeepingParameters, BookkeepingOutcome, BookkeepingParts, bookkeepingStatement } from './intake-bookkeeping';
import { RateLimitService, RateWindow } from './rate-limit.service';
import { altchaRefused, ProofOfWorkService, VerifiedProof } from './proof-of-work.service';
import { duplicateContent, implausibilityReasons, ReportContent } from './report-signals';
import { previousDay, ServerSecretsService } from './server-secrets.service';

/** Where a new report comes from; built by the controllers from the request. */
export interface ReportSource {
  address: string;
  token?: TokenIdentity;
  /** Sent by the /signaler form: without JavaScript there is no proof of work, so the report is flagged instead. */
  viaWebForm?: boolean;
}

export function reportSourceOf(request: FastifyRequest, viaWebForm = false): ReportSource {
  return { address: clientAddress(request), token: authenticatedToken(request), viaWebForm };
}

/**
 * The checks done before the report is stored, and what `record` must write before it
 * (intake-bookkeeping.ts); nothing here touches the database yet.
 */
export interface Screening {
  /** The sender's rate-limit window (anonymous senders only). */
  rateLimit?: RateWindow;
  proof?: VerifiedProof;
  /** Keyed hashes of the content alone: today's key (recorded), and yesterday's (looked up only). */
  fingerprints?: { today: Buffer; yesterday: Buffer };
  reasons: string[];
}

/** What the bookkeeping decided: whether the proof was fresh, and the report's moderation reasons. */
export interface ScreeningVerdict {
  proofAccepted: boolean;
  reasons: string[];
}

/**
 * Abuse checks on anonymous intake (docs/security.md): the proof of work, and the moderation
 * signals (likely duplicates, implausible dates) that store a report as `flagged` for review.
 */
@Injectable()
export class ReportScreeningService {
  constructor(
    private readonly config: ConfigService<EnvironmentVariables, true>,
    private readonly proofOfWork: ProofOfWorkService,
    private readonly serverSecrets: ServerSecretsService,
    private readonly rateLimits: RateLimitService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Verifies the proof of work (400 on `altcha`) and computes the signals; stores nothing. */
  async screen(report: ReportContent, altcha: string | undefined, source: ReportSource): Promise<Screening> {
    const reasons: string[] = [];
    let proof: VerifiedProof | undefined;
    // Union and admin tokens are not counted: they are known, audited and revocable.
    const rateLimit = source.token === undefined ? await this.rateLimits.windowOf('reports', source.address) : undefined;
    if (source.token === undefined && this.proofOfWork.required) {
      // The form without JavaScript cannot solve a challenge: accepted, but held for review.
      if (source.viaWebForm && (altcha === undefined || altcha === '')) reasons.push('sent without proof of work');
      else proof = await this.proofOfWork.verify(altcha);
    }
    if (!this.config.get('MODERATION_SIGNALS', { infer: true })) return { rateLimit, proof, reasons };
    const today = parisToday();
    reasons.push(...implausibilityReasons(report, today));
    // Union offices type reports for several people with the same dates: no duplicate check for tokens.
    if (source.token !== undefined) return { rateLimit, proof, reasons };
    // The content alone, never the address: with the day's key, a fingerprint of (address +
    // content) told which address sent which report (docs/privacy.md).
    const [todays, yesterdays] = await Promise.all([this.fingerprintOn(report, today), this.fingerprintOn(report, previousDay(today))]);
    return { rateLimit, proof, reasons, fingerprints: { today: todays, yesterday: yesterdays } };
  }

  /** The duplicate fingerprint of a report's content under the key of a Paris day. */
  fingerprintOn(report: ReportContent, day: string): Promise<Buffer> {
    return this.serverSecrets.dailyHash(`report-fingerprint\n${duplicateContent(report)}`, day);
  }

  /**
   * Writes the screening's bookkeeping before the report, never in its transaction: the sender's
   * count (429 past the limit, and nothing else written), then the used challenge and the
   * fingerprint (intake-bookkeeping.ts). A report refused after this costs its sender a new challenge.
   */
  async record(screening: Screening): Promise<ScreeningVerdict> {
    if (screening.rateLimit) await this.rateLimits.count('reports', screening.rateLimit);
    const parts: BookkeepingParts = { proof: screening.proof !== undefined, fingerprints: screening.fingerprints !== undefined };
    const statement = bookkeepingStatement(parts);
    if (statement === undefined) return { proofAccepted: true, reasons: screening.reasons };
    const [outcome] = await runPrepared<BookkeepingOutcome>(this.dataSource, statement, bookkeepingParameters(parts, screening));
    return { proofAccepted: outcome.proof_accepted, reasons: outcome.duplicate ? ['possible duplicate', ...screening.reasons] : screening.reasons };
  }

  /**
   * The moderation a changed report must now have, or undefined to keep its own: an accepted
   * report made implausible by a change (a plausible report sent first, then edited) is flagged
   * like one sent that way. A flagged or excluded one stays as the admin will decide.
   */
  moderationAfterChange(report: ReportContent & { moderation: string }): { moderation: 'flagged'; moderationReason: string } | undefined {
    if (report.moderation !== 'accepted' || !this.config.get('MODERATION_SIGNALS', { infer: true })) return undefined;
    const reasons = implausibilityReasons(report, parisToday());
    if (reasons.length === 0) return undefined;
    return { moderation: 'flagged', moderationReason: `automatic, after a change: ${reasons.join('; ')}` };
  }
}

export function proofAlreadyUsed() {
  return altchaRefused('has already been used: solve a new challenge');
}
