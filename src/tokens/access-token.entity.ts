import { Column, Entity, PrimaryColumn } from 'typeorm';

export const TOKEN_ROLES = ['union', 'admin'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

/** A union or admin access token: only its SHA-256 is kept, the token is shown once. */
@Entity({ name: 'access_tokens' })
export class AccessToken {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  organisation: string;

  @Column({ type: 'text' })
  role: TokenRole;

  @Column({ name: 'token_hash', type: 'bytea', select: false })
  tokenHash: Buffer;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}

/** What a request authenticated by a token is allowed to know about it. */
export interface TokenIdentity {
  id: string;
  organisation: string;
  role: TokenRole;
}
