import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createChallenge, randomInt } from 'altcha-lib';
import type { Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { createHash, createHmac } from 'node:crypto';
import { validationFailed } from '../common/api-error';
import type { EnvironmentVariables } from '../config/env';
import { AltchaPayload, verifyAltcha } from './altcha-verification';
import { ServerSecretsService } from './server-secrets.service';

export const POW_ALGORITHM = 'PBKDF2/SHA-256';
export const CHALLENGE_LIFETIME_SECONDS = 10 * 60;
/** Longest `altcha` field accepted: a solved payload is about 700 characters. */
export const MAX_ALTCHA_LENGTH = 4_000;

/** A verified solution, to be marked used in the same transaction as the report it allows. */
export interface VerifiedProof {
  /** SHA-256 of the challenge's signature: each challenge is accepted once. */
  challengeHash: Buffer;
  expiresAt: Date;
}

export interface HmacSecrets {
  signature: string;
  keySignature: string;
}

/** The two HMAC keys of altcha-lib, derived from the one master secret. */
export function altchaHmacSecrets(master: Buffer): HmacSecrets {
  const derive = (label: string) => createHmac('sha256', master).update(label).digest('hex');
  return { signature: derive('altcha-challenge-signature'), keySignature: derive('altcha-key-signature') };
}

/**
 * ALTCHA proof of work (altcha-lib v2, deterministic mode): the server picks a secret counter and
 * signs the key it derives, the client must find that counter by trying each value from 0. Checking
 * a solution is two HMACs (altcha-verification.ts); issuing a challenge costs the server one
 * derivation (POW_COST iterations).
 */
@Injectable()
export class ProofOfWorkService {
  private secrets?: Promise<HmacSecrets>;

  constructor(
    private readonly config: ConfigService<EnvironmentVariables, true>,
    private readonly serverSecrets: ServerSecretsService,
  ) {}

  get required(): boolean {
    return this.config.get('POW_REQUIRED', { infer: true });
  }

  async createChallenge(): Promise<Challenge> {
    const maxCounter = this.config.get('POW_MAX_COUNTER', { infer: true });
    const secrets = await this.hmacSecrets();
    return createChallenge({
      algorithm: POW_ALGORITHM,
      cost: this.config.get('POW_COST', { infer: true }),
      counter: randomInt(maxCounter, Math.ceil(maxCounter / 3)),
      deriveKey,
      expiresAt: Math.floor(Date.now() / 1000) + CHALLENGE_LIFETIME_SECONDS,
      hmacSignatureSecret: secrets.signature,
      hmacKeySignatureSecret: secrets.keySignature,
    });
  }

  /** Checks the `altcha` field (base64 JSON of { challenge, solution }); 400 naming `altcha` otherwise. */
  async verify(altcha: string | undefined): Promise<VerifiedProof> {
    if (altcha === undefined || altcha === '') throw altchaRefused('is required: solve a challenge from GET /api/pow-challenge');
    const payload = parsePayload(altcha);
    if (!payload) throw altchaRefused('is not a solved ALTCHA payload');
    const verdict = verifyAltcha(payload, await this.hmacSecrets());
    if (verdict === 'expired') throw altchaRefused('has expired: solve a new challenge');
    if (verdict !== 'verified' || typeof payload.challenge.parameters.expiresAt !== 'number') {
      throw altchaRefused('is not a valid solution');
    }
    return {
      challengeHash: createHash('sha256').update(payload.challenge.signature).digest(),
      expiresAt: new Date(payload.challenge.parameters.expiresAt * 1000),
    };
  }

  // POW_SECRET when set (several instances configured alike), else a key generated once into the
  // database; two keys derived from it, one per role.
  private hmacSecrets(): Promise<HmacSecrets> {
    this.secrets ??= (async () => {
      const configured = this.config.get('POW_SECRET', { infer: true });
      return altchaHmacSecrets(configured !== undefined ? Buffer.from(configured, 'utf8') : await this.serverSecrets.secret('pow'));
    })();
    this.secrets.catch(() => (this.secrets = undefined));
    return this.secrets;
  }
}

export function altchaRefused(reason: string) {
  return validationFailed('Proof of work refused', [{ field: 'altcha', message: reason }]);
}

function parsePayload(altcha: string): AltchaPayload | undefined {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(altcha, 'base64').toString('utf8'));
    if (!isRecord(decoded) || !isRecord(decoded.challenge) || !isRecord(decoded.solution)) return undefined;
    const { parameters, signature } = decoded.challenge;
    if (!isRecord(parameters) || typeof signature !== 'string' || signature === '') return undefined;
    if (parameters.algorithm !== POW_ALGORITHM || typeof parameters.nonce !== 'string' || typeof parameters.salt !== 'string') return undefined;
    return decoded as unknown as AltchaPayload;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
