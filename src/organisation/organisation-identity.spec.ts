import { describe, expect, it } from '@jest/globals';
import { validateEnvironment } from '../config/env';
import { identityFromSettings, missingIdentitySettings, organisationName, REQUIRED_IDENTITY_SETTINGS, sourceLine } from './organisation-identity';

const COMPLETE = {
  ORGANISATION_NAME: 'Union locale de Lille',
  ORGANISATION_ADDRESS: '12 rue de la Paix\\n59000 Lille',
  ORGANISATION_EMAIL: 'ij@union.example',
  PUBLICATION_DIRECTOR: 'Camille Martin',
  HOST_NAME: 'Hébergeur associatif',
  HOST_ADDRESS: '1 place du Serveur, 75000 Paris',
  HOST_PHONE: '01 23 45 67 89',
};

describe('the organisation identity', () => {
  it('is complete once the seven required settings are set, whatever the optional ones', () => {
    expect(missingIdentitySettings(validateEnvironment(COMPLETE))).toEqual([]);
  });

  it.each(REQUIRED_IDENTITY_SETTINGS.map((name) => [name]))('names %s, and only it, while it is missing', (name) => {
    const env = validateEnvironment({ ...COMPLETE, [name]: '' });
    expect(missingIdentitySettings(env)).toEqual([name]);
  });

  it('maps the settings to the identity the pages read', () => {
    const identity = identityFromSettings(validateEnvironment({ ...COMPLETE, ORGANISATION_HOURS: 'le mardi', DPO_CONTACT: 'dpo@union.example' }));
    expect(identity).toEqual({
      name: 'Union locale de Lille',
      address: '12 rue de la Paix\n59000 Lille',
      email: 'ij@union.example',
      phone: undefined,
      hours: 'le mardi',
      website: undefined,
      dpoContact: 'dpo@union.example',
      publicationDirector: 'Camille Martin',
      host: { name: 'Hébergeur associatif', address: '1 place du Serveur, 75000 Paris', phone: '01 23 45 67 89' },
    });
  });

  it('writes the source line with the name, or says the name is missing', () => {
    expect(sourceLine(identityFromSettings(COMPLETE))).toBe('Source : Union locale de Lille');
    expect(organisationName(identityFromSettings({}))).toBe('votre syndicat (nom non renseigné)');
  });
});
