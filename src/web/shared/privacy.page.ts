import { PRIVACY_NOTICE_VERSION } from '../../reports/privacy-notice';
import type { OrganisationIdentity } from '../../organisation/organisation-identity';
import { html } from '../../presentation/html';
import { NoticeSettings, privacyNotice } from '../legal/legal-texts';
import { layout } from './layout';

/** `/confidentialite`, in plain French, with the version of its notice that reports record. */
export function privacyPage(settings: NoticeSettings, identity: OrganisationIdentity): string {
  return layout({
    title: 'Confidentialité',
    current: '/confidentialite',
    body: html`${privacyNotice(settings, identity)}
<p class="notice-version">Version de ce texte : <code>${PRIVACY_NOTICE_VERSION}</code>. Chaque signalement garde la version du texte sous laquelle il a été envoyé.</p>`,
  });
}
