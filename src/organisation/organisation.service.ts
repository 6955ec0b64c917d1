import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EnvironmentVariables } from '../config/env';
import { IDENTITY_SETTINGS, IdentitySetting, identityFromSettings, missingIdentitySettings, OrganisationIdentity } from './organisation-identity';

/** The hosting union's identity, for the pages, the exports and the campaign material. */
@Injectable()
export class OrganisationService {
  private readonly logger = new Logger(OrganisationService.name);
  private readonly settings: Partial<EnvironmentVariables>;

  constructor(config: ConfigService<EnvironmentVariables, true>) {
    // An empty variable counts as unset, as in validateEnvironment (ConfigService would return the raw '').
    const read = <K extends IdentitySetting>(name: K) => (config.get(name, { infer: true }) || undefined) as EnvironmentVariables[K];
    this.settings = Object.fromEntries(IDENTITY_SETTINGS.map((name) => [name, read(name)]));
  }

  identity(): OrganisationIdentity {
    return identityFromSettings(this.settings);
  }

  /** Whether every setting the legal pages need is set (REQUIRED_IDENTITY_SETTINGS). */
  isConfigured(): boolean {
    return this.missingSettings().length === 0;
  }

  /** The names of the required settings still missing, never their values. */
  missingSettings(): string[] {
    return missingIdentitySettings(this.settings);
  }

  /**
   * Called by main.ts once the service listens (not by CLI commands, whose output is their answer):
   * the instance runs, but is not ready for the public.
   */
  warnIfNotConfigured(): void {
    const missing = this.missingSettings();
    // Names only: the values (a name, an address) have no place in a log.
    if (missing.length > 0) {
      this.logger.warn(`instance not configured: set ${missing.join(', ')} before opening the service to the public (docs/operations.md, launch checklist)`);
    }
  }
}
