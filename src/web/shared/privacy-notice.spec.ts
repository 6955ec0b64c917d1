import { describe, expect, it } from '@jest/globals';
import { EnvironmentVariables } from '../../config/env';
import { UNCONFIGURED_IDENTITY } from '../../organisation/organisation-identity';
import { noticeVersionOf, PRIVACY_NOTICE_VERSION } from '../../reports/privacy-notice';
import { privacyNotice } from '../legal/legal-texts';
import { privacyPage } from './privacy.page';

describe('the privacy notice version', () => {
  const defaults = new EnvironmentVariables();
  const notice = privacyNotice(defaults, UNCONFIGURED_IDENTITY).value;

  it('names the notice’s current text: a change of the text must come with the new version in src/reports/privacy-notice.ts', () => {
    expect({ PRIVACY_NOTICE_VERSION }).toEqual({ PRIVACY_NOTICE_VERSION: noticeVersionOf(notice) });
  });

  it('is shown on /confidentialite, below the notice', () => {
    const page = privacyPage(defaults, UNCONFIGURED_IDENTITY);
    expect(page).toContain(notice);
    expect(page.indexOf(PRIVACY_NOTICE_VERSION)).toBeGreaterThan(page.indexOf(notice) + notice.length - 1);
  });
});
