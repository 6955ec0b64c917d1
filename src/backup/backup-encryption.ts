import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

// An age X25519 identity (https://age-encryption.org/v1): the same key decrypts with the `age`
// command-line tool (`age -d -i key.txt`), so a backup never depends on this service to be read.
export const BACKUP_KEY_PATTERN = /^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/;
const AGE_MAGIC = 'age-encryption.org/v1\n';
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

/** A backup that cannot be read with the configured key (or with none). */
export class BackupKeyError extends Error {}

/** A new secret key for BACKUP_ENCRYPTION_KEY. */
export function generateBackupKey(): Promise<string> {
  return generateX25519Identity();
}

/**
 * Encrypts what is written to `input` into `output` (age format, ChaCha20-Poly1305 in 64 KiB
 * chunks); `done` settles once the last byte is written.
 */
export async function encryptTo(output: Writable, key: string): Promise<{ input: Writable; done: Promise<void> }> {
  const encrypter = new Encrypter();
  encrypter.addRecipient(await identityToRecipient(key));
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const encrypted = await encrypter.encrypt(readable as ReadableStream<Uint8Array>);
  const done = pipeline(Readable.fromWeb(encrypted as WebReadableStream<Uint8Array>), output);
  return { input: Writable.fromWeb(writable), done };
}

/**
 * The plaintext of a backup file: decrypted when it is an age file (refused without the key or
 * with another one); a plain gzip file written before backups were encrypted is read as it is.
 */
export async function openDecrypted(file: string, key: string | undefined): Promise<Readable> {
  const start = await readStart(file, AGE_MAGIC.length);
  if (start.subarray(0, GZIP_MAGIC.length).equals(GZIP_MAGIC)) return createReadStream(file);
  if (start.toString('latin1') !== AGE_MAGIC) throw new BackupKeyError('not a backup file (neither age-encrypted nor gzip)');
  if (!key) throw new BackupKeyError('the backup is encrypted: set BACKUP_ENCRYPTION_KEY to the key it was written with');
  const decrypter = new Decrypter();
  decrypter.addIdentity(key);
  try {
    const plaintext = await decrypter.decrypt(Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>);
    return Readable.fromWeb(plaintext as WebReadableStream<Uint8Array>);
  } catch (error) {
    throw new BackupKeyError(`the backup cannot be decrypted with BACKUP_ENCRYPTION_KEY (${(error as Error).message})`);
  }
}

async function readStart(file: string, length: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
