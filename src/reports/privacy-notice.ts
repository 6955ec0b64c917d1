import { createHash } from 'node:crypto';

/**
 * The version of /confidentialite's notice that a new report is given under, kept with the report
 * so consent can be shown (GDPR art. 7(1)): the first 12 hex digits of the SHA-256 of the notice
 * as rendered with the default settings. Any change of the text changes it; privacy-notice.spec.ts
 * fails until the new value is written here.
 */
export const PRIVACY_NOTICE_VERSION = '1948561b61fd';

/** The short id of a notice's text. */
export function noticeVersionOf(noticeHtml: string): string {
  return createHash('sha256').update(noticeHtml, 'utf8').digest('hex').slice(0, 12);
}
