import type { OrganisationIdentity } from '../../organisation/organisation-identity';
import { layout } from '../shared/layout';
import { legalNotice } from './legal-texts';

/** `/mentions-legales`, linked from every page's footer. */
export function legalNoticePage(identity: OrganisationIdentity): string {
  return layout({ title: 'Mentions légales', body: legalNotice(identity) });
}
