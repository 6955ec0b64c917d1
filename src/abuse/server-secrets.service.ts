import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addDays } from '../config/paris-date';
import { addressSubject } from './address-subject';

// Created by whichever instance asks first; the others read the same row.
const CREATE_OR_READ_SECRET = `
  WITH created AS (
    INSERT INTO server_secrets (name, day, secret) VALUES ($1, $2, $3)
    ON CONFLICT (name) DO NOTHING
    RETURNING secret
  )
  SELECT secret FROM created
  UNION ALL
  SELECT secret FROM server_secrets WHERE name = $1`;

/**
 * Secrets kept in the database so every instance shares them: the proof-of-work key, and one
 * address-hashing key per Paris day. The purge deletes a day's key two days later; from then on
 * nobody, the database's reader included, can tell which address a stored hash came from.
 */
@Injectable()
export class ServerSecretsService {
  // Secrets never change once created, so each instance keeps the few it uses.
  private readonly cache = new Map<string, Buffer>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** HMAC-SHA256 of the client address (an IPv6 by its /64) under the key of the given Paris day. */
  addressHash(address: string, day: string, purpose: string): Promise<Buffer> {
    return this.dailyHash(`${purpose}\n${addressSubject(address)}`, day);
  }

  /** HMAC-SHA256 of `text` under the key of the given Paris day. */
  async dailyHash(text: string, day: string): Promise<Buffer> {
    return createHmac('sha256', await this.dailySecret(day))
      .update(text)
      .digest();
  }

  /** The long-lived secret called `name` (e.g. the proof-of-work key). */
  secret(name: string): Promise<Buffer> {
    return this.createOrRead(name, null);
  }

  private dailySecret(day: string): Promise<Buffer> {
    return this.createOrRead(`address:${day}`, day);
  }

  private async createOrRead(name: string, day: string | null): Promise<Buffer> {
    const cached = this.cache.get(name);
    if (cached) return cached;
    // A concurrent creator may commit between our snapshot and our insert: then read again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const rows: { secret: Buffer }[] = await this.dataSource.query(CREATE_OR_READ_SECRET, [name, day, randomBytes(32)]);
      if (rows.length > 0) {
        // Once a day per instance: drop keys past their two days without waiting for the purge.
        if (day !== null) await this.deleteDaysBefore(day);
        this.cache.set(name, rows[0].secret);
        return rows[0].secret;
      }
    }
    throw new Error(`server secret ${name} could not be created or read`);
  }

  // A day's key is only needed on that day and the next (duplicates within 24 h).
  private async deleteDaysBefore(day: string): Promise<void> {
    const oldest = previousDay(day);
    await this.dataSource.query(`DELETE FROM server_secrets WHERE day < $1::date`, [oldest]);
    for (const name of this.cache.keys()) {
      if (name.startsWith('address:') && name.slice('address:'.length) < oldest) this.cache.delete(name);
    }
  }
}

/** The calendar day before `day` (YYYY-MM-DD). */
export function previousDay(day: string): string {
  return addDays(day, -1);
}
