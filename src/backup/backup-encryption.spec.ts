import { afterAll, describe, expect, it } from '@jest/globals';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { createGunzip, gzipSync } from 'node:zlib';
import { BACKUP_KEY_PATTERN, BackupKeyError, encryptTo, generateBackupKey, openDecrypted } from './backup-encryption';

const folder = mkdtempSync(join(tmpdir(), 'delais-ij-encryption-'));
// Several 64 KiB chunks of the age STREAM, and a last partial one.
const PLAINTEXT = Array.from({ length: 20_000 }, (_, line) => `{"t":"reports","r":{"line":${line}}}`).join('\n');

async function encryptedFile(name: string, key: string): Promise<string> {
  const file = join(folder, name);
  const { input, done } = await encryptTo(createWriteStream(file), key);
  input.end(PLAINTEXT);
  await done;
  return file;
}

describe('backup encryption', () => {
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('makes keys in the age format BACKUP_ENCRYPTION_KEY accepts, a new one each time', async () => {
    const [first, second] = [await generateBackupKey(), await generateBackupKey()];
    expect(first).toMatch(BACKUP_KEY_PATTERN);
    expect(second).toMatch(BACKUP_KEY_PATTERN);
    expect(first).not.toBe(second);
  });

  it('decrypts what it encrypted, and the file is an age file holding none of the plaintext', async () => {
    const key = await generateBackupKey();
    const file = await encryptedFile('round-trip.age', key);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 22).toString()).toBe('age-encryption.org/v1\n');
    expect(bytes.includes('reports')).toBe(false);
    expect(await text(await openDecrypted(file, key))).toBe(PLAINTEXT);
  });

  it('refuses another key, and no key, with a message naming the setting', async () => {
    const file = await encryptedFile('wrong-key.age', await generateBackupKey());
    const other = await generateBackupKey();
    await expect(openDecrypted(file, other)).rejects.toThrow(
      new BackupKeyError("the backup cannot be decrypted with BACKUP_ENCRYPTION_KEY (no identity matched any of the file's recipients)"),
    );
    await expect(openDecrypted(file, undefined)).rejects.toThrow('the backup is encrypted: set BACKUP_ENCRYPTION_KEY');
  });

  it('fails on a changed byte instead of returning altered content', async () => {
    const key = await generateBackupKey();
    const file = await encryptedFile('tampered.age', key);
    const bytes = readFileSync(file);
    bytes[bytes.length - 1000] ^= 1;
    writeFileSync(file, bytes);
    await expect(openDecrypted(file, key).then(text)).rejects.toThrow('invalid tag');
  });

  it('reads an unencrypted gzip backup of earlier versions as it is, and refuses anything else', async () => {
    const legacy = join(folder, 'legacy.jsonl.gz');
    writeFileSync(legacy, gzipSync(PLAINTEXT));
    expect(await text((await openDecrypted(legacy, undefined)).pipe(createGunzip()))).toBe(PLAINTEXT);
    const other = join(folder, 'notes.txt');
    writeFileSync(other, 'hello');
    await expect(openDecrypted(other, undefined)).rejects.toThrow('not a backup file');
  });
});
