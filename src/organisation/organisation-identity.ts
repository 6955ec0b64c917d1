import type { EnvironmentVariables } from '../config/env';

/** The union hosting this instance, as its settings describe it (README, "Settings"). */
export interface OrganisationIdentity {
  /** The publisher and data controller; absent until ORGANISATION_NAME is set. */
  name?: string;
  /** Postal address, possibly on several lines. */
  address?: string;
  email?: string;
  phone?: string;
  /** Opening hours of the union's help line, free text. */
  hours?: string;
  website?: string;
  /** How to reach the data protection officer; absent: none designated. */
  dpoContact?: string;
  publicationDirector?: string;
  host: { name?: string; address?: string; phone?: string };
}

/**
 * The settings a union must fill in before opening the service to the public: what the legal
 * notice (LCEN art. 6 III) and the privacy notice (GDPR art. 13(1)(a)) cannot do without.
 */
export const REQUIRED_IDENTITY_SETTINGS = [
  'ORGANISATION_NAME',
  'ORGANISATION_ADDRESS',
  'ORGANISATION_EMAIL',
  'PUBLICATION_DIRECTOR',
  'HOST_NAME',
  'HOST_ADDRESS',
  'HOST_PHONE',
] as const satisfies readonly (keyof EnvironmentVariables)[];

/** Every identity setting, required or not. */
export const IDENTITY_SETTINGS = [
  ...REQUIRED_IDENTITY_SETTINGS,
  'ORGANISATION_PHONE',
  'ORGANISATION_HOURS',
  'ORGANISATION_WEBSITE',
  'DPO_CONTACT',
] as const satisfies readonly (keyof EnvironmentVariables)[];

export type IdentitySetting = (typeof IDENTITY_SETTINGS)[number];
type IdentitySettings = Pick<EnvironmentVariables, IdentitySetting>;

export function identityFromSettings(env: Partial<IdentitySettings>): OrganisationIdentity {
  return {
    name: env.ORGANISATION_NAME,
    address: env.ORGANISATION_ADDRESS,
    email: env.ORGANISATION_EMAIL,
    phone: env.ORGANISATION_PHONE,
    hours: env.ORGANISATION_HOURS,
    website: env.ORGANISATION_WEBSITE,
    dpoContact: env.DPO_CONTACT,
    publicationDirector: env.PUBLICATION_DIRECTOR,
    host: { name: env.HOST_NAME, address: env.HOST_ADDRESS, phone: env.HOST_PHONE },
  };
}

/** The names (never the values) of the required settings still missing. */
export function missingIdentitySettings(env: Partial<IdentitySettings>): string[] {
  return REQUIRED_IDENTITY_SETTINGS.filter((name) => env[name] === undefined);
}

/** An instance nobody has configured yet: demos, tests, and the text the notice version is computed from. */
export const UNCONFIGURED_IDENTITY: OrganisationIdentity = identityFromSettings({});

/** The union's name wherever a text needs one, even before it is set. */
export function organisationName(identity: OrganisationIdentity): string {
  return identity.name ?? 'votre syndicat (nom non renseigné)';
}

/** "Source : <organisation>", the line every export and printed sheet carries. */
export function sourceLine(identity: OrganisationIdentity): string {
  return `Source : ${organisationName(identity)}`;
}
