import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { AccessToken, TokenIdentity, TokenRole } from './access-token.entity';
import { generateToken, hashToken, isTokenShaped } from './token-secret';

export interface CreatedToken extends TokenIdentity {
  /** Shown once to whoever created it; only its hash is stored. */
  token: string;
}

/** A token as listed to an administrator: never the token nor its hash. */
export type ListedToken = Omit<AccessToken, 'tokenHash'>;

export type RevocationResult = 'revoked' | 'already-revoked' | 'unknown';

@Injectable()
export class TokensService {
  constructor(@InjectRepository(AccessToken) private readonly tokenRepository: Repository<AccessToken>) {}

  async create(organisation: string, role: TokenRole): Promise<CreatedToken> {
    const token = generateToken();
    const id = randomUUID();
    await this.tokenRepository.insert({ id, organisation, role, tokenHash: hashToken(token) });
    return { id, organisation, role, token };
  }

  list(): Promise<ListedToken[]> {
    return this.tokenRepository.find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async revoke(id: string): Promise<RevocationResult> {
    const result = await this.tokenRepository.update({ id, revokedAt: IsNull() }, { revokedAt: () => 'utc_hour(now())' });
    if (result.affected === 1) return 'revoked';
    return (await this.tokenRepository.existsBy({ id })) ? 'already-revoked' : 'unknown';
  }

  /** The identity behind a live token, found by its hash; undefined for anything else. */
  async authenticate(token: string): Promise<TokenIdentity | undefined> {
    if (!isTokenShaped(token)) return undefined;
    const found = await this.tokenRepository.findOne({
      select: { id: true, organisation: true, role: true },
      where: { tokenHash: hashToken(token), revokedAt: IsNull() },
    });
    return found ? { id: found.id, organisation: found.organisation, role: found.role } : undefined;
  }
}
