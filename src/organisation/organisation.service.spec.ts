import { describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { validateEnvironment } from '../config/env';
import { OrganisationService } from './organisation.service';

function serviceWith(settings: Record<string, string>): OrganisationService {
  return new OrganisationService(new ConfigService(validateEnvironment(settings)));
}

describe(OrganisationService.name, () => {
  it('warns at start-up with the names of the missing settings, never a value', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const service = serviceWith({ ORGANISATION_NAME: 'Union locale de Lille', HOST_PHONE: '01 23 45 67 89' });
      service.warnIfNotConfigured();
      expect(service.isConfigured()).toBe(false);
      expect(warn).toHaveBeenCalledTimes(1);
      const line = String(warn.mock.calls[0][0]);
      expect(line).toContain('ORGANISATION_ADDRESS, ORGANISATION_EMAIL, PUBLICATION_DIRECTOR, HOST_NAME, HOST_ADDRESS');
      expect(line).not.toContain('Lille');
      expect(line).not.toContain('01 23');
    } finally {
      warn.mockRestore();
    }
  });

  it('is configured, and silent, once the required settings are set', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const service = serviceWith({
        ORGANISATION_NAME: 'Union locale de Lille',
        ORGANISATION_ADDRESS: '12 rue de la Paix',
        ORGANISATION_EMAIL: 'ij@union.example',
        PUBLICATION_DIRECTOR: 'Camille Martin',
        HOST_NAME: 'Hébergeur',
        HOST_ADDRESS: '1 place du Serveur',
        HOST_PHONE: '01 23 45 67 89',
      });
      service.warnIfNotConfigured();
      expect(service.isConfigured()).toBe(true);
      expect(service.identity().name).toBe('Union locale de Lille');
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('counts a variable set to an empty string (docker-compose with nothing in .env) as unset', () => {
    const saved = process.env.ORGANISATION_NAME;
    process.env.ORGANISATION_NAME = '';
    try {
      const service = new OrganisationService(new ConfigService(validateEnvironment(process.env)));
      expect(service.identity().name).toBeUndefined();
      expect(service.missingSettings()).toContain('ORGANISATION_NAME');
    } finally {
      if (saved === undefined) delete process.env.ORGANISATION_NAME;
      else process.env.ORGANISATION_NAME = saved;
    }
  });
});
