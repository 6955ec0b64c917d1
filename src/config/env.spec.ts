import { describe, expect, it } from '@jest/globals';
import { validateEnvironment } from './env';

// A throwaway age key, as `npm run cli -- backup:key` prints one.
const KEY = 'AGE-SECRET-KEY-13KRRZ2W9KNRAPM3H73LNDE5UHWWFM9LSJ3FFKUWR29MYQHG64UZSJK2H2Q';

describe('validateEnvironment', () => {
  it('applies the defaults', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: './.data', MIN_GROUP_SIZE: 11, THRESHOLD_DAYS: 30 });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('reads numbers and a database URL', () => {
    const env = validateEnvironment({ PORT: '8080', MIN_GROUP_SIZE: '20', THRESHOLD_DAYS: '45', DATABASE_URL: 'postgres://u:p@db:5432/ij' });
    expect(env).toMatchObject({ PORT: 8080, MIN_GROUP_SIZE: 20, THRESHOLD_DAYS: 45, DATABASE_URL: 'postgres://u:p@db:5432/ij' });
  });

  it.each([
    ['MIN_GROUP_SIZE', '10'],
    ['MIN_GROUP_SIZE', 'eleven'],
    ['PORT', '70000'],
    ['PORT', '30a'],
    ['THRESHOLD_DAYS', '0'],
    ['STATS_REFRESH_MINUTES', '0'],
    ['STATS_REFRESH_MINUTES', '1.5'],
    ['STATS_REFRESH_MINUTES', '100000'],
    ['DATABASE_URL', 'mysql://localhost/ij'],
    ['TRUST_PROXY', 'yes please'],
    ['CORS_ORIGINS', '*'],
    ['PUBLIC_URL', 'https://ij.example.org/app'],
    ['PUBLIC_URL', 'ij.example.org'],
    ['DB_POOL_WAIT_MS', '0'],
    ['DB_STATEMENT_TIMEOUT_MS', 'soon'],
    ['RETENTION_MONTHS', '6'],
    ['DB_CONNECT_RETRIES', '0'],
    ['POW_REQUIRED', 'yes'],
    ['POW_SECRET', 'too-short'],
    ['POW_COST', '0'],
    ['RATE_LIMIT_ENABLED', '0'],
    ['RATE_LIMIT_REPORTS_PER_HOUR', '0'],
    ['MODERATION_SIGNALS', 'off'],
    ['API_DOCS', 'maybe'],
    ['ALERT_WEBHOOK_URL', 'ftp://chat.example/hook'],
    ['AUDIT_RETENTION_MONTHS', '0'],
    ['BACKUP_INTERVAL_HOURS', '-1'],
    ['BACKUP_RETENTION_DAYS', '0'],
    ['BACKUP_ENCRYPTION_KEY', 'AGE-SECRET-KEY-1TOOSHORT'],
    ['ORGANISATION_NAME', 'Union\u0007locale'],
    ['ORGANISATION_NAME', 'x'.repeat(121)],
    ['ORGANISATION_ADDRESS', '12 rue\tde la Paix'],
    ['ORGANISATION_EMAIL', 'contact-at-union.example'],
    ['ORGANISATION_PHONE', 'call us'],
    ['ORGANISATION_HOURS', 'lundi\nmardi'],
    ['ORGANISATION_WEBSITE', 'http://union.example'],
    ['ORGANISATION_WEBSITE', 'union.example'],
    ['DPO_CONTACT', 'dpo\r\n@union.example'],
    ['PUBLICATION_DIRECTOR', '   '],
    ['HOST_NAME', 'Hôte\u0000'],
    ['HOST_ADDRESS', 'x'.repeat(301)],
    ['HOST_PHONE', '+33 (0)1 23 45 67 89 ext. 12'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(new RegExp(`${name}=`));
  });

  it('reads the identity settings, a postal address keeping its lines', () => {
    const env = validateEnvironment({
      ORGANISATION_NAME: ' Union locale CGT de Lille ',
      ORGANISATION_ADDRESS: '12 rue de la Paix\\n59000 Lille',
      ORGANISATION_EMAIL: 'ij@union.example',
      ORGANISATION_PHONE: '+33 3 20 00 00 00',
      ORGANISATION_HOURS: 'du lundi au vendredi, 9 h – 17 h',
      ORGANISATION_WEBSITE: 'https://union.example/ij',
      DPO_CONTACT: 'dpo@union.example',
      PUBLICATION_DIRECTOR: 'Camille Martin, secrétaire générale',
      HOST_NAME: 'Hébergeur associatif',
      HOST_ADDRESS: '1 place du Serveur\n75000 Paris',
      HOST_PHONE: '01 23 45 67 89',
    });
    expect(env).toMatchObject({
      ORGANISATION_NAME: 'Union locale CGT de Lille',
      ORGANISATION_ADDRESS: '12 rue de la Paix\n59000 Lille',
      ORGANISATION_EMAIL: 'ij@union.example',
      ORGANISATION_PHONE: '+33 3 20 00 00 00',
      ORGANISATION_HOURS: 'du lundi au vendredi, 9 h – 17 h',
      ORGANISATION_WEBSITE: 'https://union.example/ij',
      DPO_CONTACT: 'dpo@union.example',
      PUBLICATION_DIRECTOR: 'Camille Martin, secrétaire générale',
      HOST_NAME: 'Hébergeur associatif',
      HOST_ADDRESS: '1 place du Serveur\n75000 Paris',
      HOST_PHONE: '01 23 45 67 89',
    });
  });

  it('names every bad identity setting at once', () => {
    expect(() => validateEnvironment({ ORGANISATION_EMAIL: 'nope', HOST_PHONE: 'nope', ORGANISATION_WEBSITE: 'ftp://x' })).toThrow(
      /ORGANISATION_EMAIL="nope": must be an e-mail address[\s\S]*ORGANISATION_WEBSITE="ftp:\/\/x": must be an https:\/\/ address[\s\S]*HOST_PHONE="nope": must be a phone number/,
    );
  });

  it('reads the hardening settings, with safe defaults', () => {
    expect(validateEnvironment({})).toMatchObject({
      TRUST_PROXY: 'false',
      DB_STATEMENT_TIMEOUT_MS: 5000,
      DB_POOL_WAIT_MS: 800,
      RETENTION_MONTHS: 36,
      PURGE_INTERVAL_HOURS: 24,
    });
    expect(validateEnvironment({}).CORS_ORIGINS).toBeUndefined();
    const env = validateEnvironment({
      TRUST_PROXY: '10.0.0.0/8,192.168.1.1',
      CORS_ORIGINS: 'https://a.example, http://localhost:8080',
      PURGE_INTERVAL_HOURS: '0',
    });
    expect(env).toMatchObject({ TRUST_PROXY: '10.0.0.0/8,192.168.1.1', CORS_ORIGINS: 'https://a.example, http://localhost:8080', PURGE_INTERVAL_HOURS: 0 });
  });

  it('refreshes statistics hourly unless told otherwise', () => {
    expect(validateEnvironment({}).STATS_REFRESH_MINUTES).toBe(60);
    expect(validateEnvironment({ STATS_REFRESH_MINUTES: '5' }).STATS_REFRESH_MINUTES).toBe(5);
  });

  it('turns the abuse protection on by default, and reads false as off', () => {
    expect(validateEnvironment({})).toMatchObject({
      POW_REQUIRED: true,
      POW_COST: 1000,
      POW_MAX_COUNTER: 600,
      RATE_LIMIT_ENABLED: true,
      RATE_LIMIT_REPORTS_PER_HOUR: 20,
      RATE_LIMIT_READS_PER_HOUR: 600,
      MODERATION_SIGNALS: true,
    });
    expect(validateEnvironment({ POW_REQUIRED: 'false', RATE_LIMIT_ENABLED: 'false', MODERATION_SIGNALS: 'false' })).toMatchObject({
      POW_REQUIRED: false,
      RATE_LIMIT_ENABLED: false,
      MODERATION_SIGNALS: false,
    });
  });

  it('bounds the audit log and the backups by default, and needs a backup key with BACKUP_DIR', () => {
    expect(validateEnvironment({})).toMatchObject({ AUDIT_RETENTION_MONTHS: 12, BACKUP_INTERVAL_HOURS: 24, BACKUP_RETENTION_DAYS: 30 });
    expect(() => validateEnvironment({ BACKUP_DIR: '/backups' })).toThrow(/BACKUP_ENCRYPTION_KEY=undefined: must be an age secret key/);
    expect(validateEnvironment({ BACKUP_DIR: '/backups', BACKUP_ENCRYPTION_KEY: KEY })).toMatchObject({ BACKUP_DIR: '/backups', BACKUP_ENCRYPTION_KEY: KEY });
  });

  it('never repeats a secret setting in its error', () => {
    const mistyped = `${KEY.slice(0, -1)}b`;
    expect(() => validateEnvironment({ BACKUP_ENCRYPTION_KEY: mistyped })).toThrow('BACKUP_ENCRYPTION_KEY=(hidden): must be an age secret key');
    expect(() => validateEnvironment({ BACKUP_ENCRYPTION_KEY: mistyped })).not.toThrow(mistyped);
  });

  it('names every bad variable at once', () => {
    expect(() => validateEnvironment({ PORT: 'x', MIN_GROUP_SIZE: '3' })).toThrow(/PORT=[\s\S]*MIN_GROUP_SIZE=/);
  });
});
