import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { FastifyRequest } from 'fastify';
import { createHmac } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { clientAddress } from '../common/http-hygiene';
import type { EnvironmentVariables } from '../config/env';
import { parisToday } from '../config/paris-date';
import type { TokenIdentity } from '../tokens/access-token.entity';
import { authenticatedToken } from '../tokens/authenticated-token';
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

/** The checks done before the report is stored; nothing here touches the database yet. */
export interface Screening {
  proof?: VerifiedProof;
  /** Keyed hashes of (address + content): today's key (recorded), and yesterday's (looked up only). */
  fingerprints?: { today: Buffer; yesterday: Buffer };
  reasons: string[];
}

/** What the database said: whether the proof was still unused, and the moderation to store. */
export interface ScreeningVerdict {
  proofAccepted: boolean;
  moderation: 'accepted' | 'flagged';
  moderationReason: string | null;
}

// One statement: mark the challenge used (exactly one concurrent request wins the primary key),
// then look for the same content from the same address within 24 h and record this one.
// `existed` is true when the upsert hit a row, committed earlier or by a concurrent request.
const RECORD_SCREENING = `
  WITH used AS (
    INSERT INTO used_pow_challenges (challenge_hash, expires_at)
    SELECT $1::bytea, $2::timestamptz WHERE $1::bytea IS NOT NULL
    ON CONFLICT DO NOTHING
    RETURNING 1
  ), earlier AS (
    SELECT 1 FROM report_fingerprints WHERE fingerprint = $4::bytea AND seen_at > now() - interval '24 hours'
  ), seen AS (
    INSERT INTO report_fingerprints (fingerprint, seen_at)
    SELECT $3::bytea, now() WHERE $3::bytea IS NOT NULL AND ($1::bytea IS NULL OR EXISTS (SELECT 1 FROM used))
    ON CONFLICT (fingerprint) DO UPDATE SET seen_at = now()
    RETURNING (xmax <> 0) AS existed
  )
  SELECT ($1::bytea IS NULL OR EXISTS (SELECT 1 FROM used)) AS proof_accepted,
         (EXISTS (SELECT 1 FROM earlier) OR COALESCE((SELECT existed FROM seen), false)) AS duplicate`;

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
  ) {}

  /** Verifies the proof of work (400 on `altcha`) and computes the signals; stores nothing. */
  async screen(report: ReportContent, altcha: string | undefined, source: ReportSource): Promise<Screening> {
    const reasons: string[] = [];
    let proof: VerifiedProof | undefined;
    if (source.token === undefined && this.proofOfWork.required) {
      // The form without JavaScript cannot solve a challenge: accepted, but held for review.
      if (source.viaWebForm && (altcha === undefined || altcha === '')) reasons.push('sent without proof of work');
      else proof = await this.proofOfWork.verify(altcha);
    }
    if (!this.config.get('MODERATION_SIGNALS', { infer: true })) return { proof, reasons };
    const today = parisToday();
    reasons.push(...implausibilityReasons(report, today));
    // Union offices type reports for several people from one address: no duplicate check for tokens.
    if (source.token !== undefined) return { proof, reasons };
    const content = duplicateContent(report);
    const fingerprintOn = async (day: string) =>
      createHmac('sha256', await this.serverSecrets.addressHash(source.address, day, 'report-fingerprint')).update(content).digest();
    const [todays, yesterdays] = await Promise.all([fingerprintOn(today), fingerprintOn(previousDay(today))]);
    return { proof, reasons, fingerprints: { today: todays, yesterday: yesterdays } };
  }

  /** True when `record` has something to write (then it runs in the report's transaction). */
  needsRecording(screening: Screening): boolean {
    return screening.proof !== undefined || screening.fingerprints !== undefined;
  }

  async record(manager: EntityManager, screening: Screening): Promise<ScreeningVerdict> {
    let proofAccepted = true;
    let duplicate = false;
    if (this.needsRecording(screening)) {
      const [row]: { proof_accepted: boolean; duplicate: boolean }[] = await manager.query(RECORD_SCREENING, [
        screening.proof?.challengeHash ?? null,
        screening.proof?.expiresAt ?? null,
        screening.fingerprints?.today ?? null,
        screening.fingerprints?.yesterday ?? null,
      ]);
      proofAccepted = row.proof_accepted;
      duplicate = row.duplicate;
    }
    const reasons = duplicate ? ['possible duplicate', ...screening.reasons] : screening.reasons;
    return {
      proofAccepted,
      moderation: reasons.length > 0 ? 'flagged' : 'accepted',
      moderationReason: reasons.length > 0 ? `automatic: ${reasons.join('; ')}` : null,
    };
  }
}

export function proofAlreadyUsed() {
  return altchaRefused('has already been used: solve a new challenge');
}
