// Where an event applies: the whole country, a region, a département or one fund. Pure functions
// over the funds' reference data (GET /api/caisses), so the pages can use them without a request.

export const SCOPE_LEVELS = ['national', 'region', 'departement', 'caisse'] as const;
export type ScopeLevel = (typeof SCOPE_LEVELS)[number];

/** A resolved scope; `code` is null for `national`, the region's reference spelling for a region. */
export interface EventScope {
  level: ScopeLevel;
  code: string | null;
}

/** What the scope functions need to know about a fund. */
export interface ScopeFund {
  code: string;
  departements: string[];
  region: string;
}

/** An event as the pure functions see it: its scope and its date. */
export interface ScopedEvent {
  scopeLevel: ScopeLevel;
  scopeCode: string | null;
  date: string;
}

export const NATIONAL: EventScope = { level: 'national', code: null };
const EXPLICIT_PREFIX = /^(region|departement|caisse):(.+)$/;

/**
 * Reads a scope as a person writes it: `national`, a fund code (`751`), a département code (`75`,
 * `2A`) or a region name (any case, either apostrophe). The DOM codes 971-976 are both a fund and a
 * département: a bare code is the fund, `departement:974` names the département. The explicit
 * forms `region:…`, `departement:…`, `caisse:…` are always accepted. Null when nothing matches.
 */
export function resolveScope(input: string, funds: readonly ScopeFund[]): EventScope | null {
  if (input === 'national') return NATIONAL;
  const explicit = EXPLICIT_PREFIX.exec(input);
  if (explicit) return resolveAtLevel(explicit[1] as Exclude<ScopeLevel, 'national'>, explicit[2], funds);
  return resolveAtLevel('caisse', input, funds) ?? resolveAtLevel('departement', input, funds) ?? resolveAtLevel('region', input, funds);
}

function resolveAtLevel(level: Exclude<ScopeLevel, 'national'>, code: string, funds: readonly ScopeFund[]): EventScope | null {
  if (level === 'caisse') return funds.some((fund) => fund.code === code) ? { level, code } : null;
  if (level === 'departement') {
    const upper = code.toUpperCase();
    return funds.some((fund) => fund.departements.includes(upper)) ? { level, code: upper } : null;
  }
  const key = regionKey(code);
  const region = funds.find((fund) => regionKey(fund.region) === key)?.region;
  return region === undefined ? null : { level, code: region };
}

// "Provence-Alpes-Côte d’Azur" typed with a curly apostrophe or in capitals is still that region.
function regionKey(name: string): string {
  return name.normalize('NFC').replace(/[’ʼ]/g, "'").toLocaleLowerCase('fr');
}

/** The text that resolves back to this scope: the bare value, or the prefixed form where a bare one would mean a fund. */
export function formatScope(scope: EventScope, funds: readonly ScopeFund[]): string {
  if (scope.level === 'national' || scope.code === null) return 'national';
  const bare = resolveScope(scope.code, funds);
  return bare?.level === scope.level && bare.code === scope.code ? scope.code : `${scope.level}:${scope.code}`;
}

/**
 * The scope and every scope above it: a fund, its départements, its region, national; a
 * département, the region(s) of the funds that serve it, national; a region, national.
 */
export function scopeWithParents(scope: EventScope, funds: readonly ScopeFund[]): EventScope[] {
  const chain: EventScope[] = [scope];
  const add = (level: ScopeLevel, code: string) => {
    if (!chain.some((known) => known.level === level && known.code === code)) chain.push({ level, code });
  };
  if (scope.level === 'caisse') {
    const fund = funds.find((candidate) => candidate.code === scope.code);
    fund?.departements.forEach((departement) => add('departement', departement));
    if (fund) add('region', fund.region);
  }
  if (scope.level === 'departement') {
    for (const fund of funds) if (fund.departements.includes(scope.code!)) add('region', fund.region);
  }
  if (scope.level !== 'national') chain.push(NATIONAL);
  return chain;
}

/**
 * The events that concern a scope: its own and those of every scope above it (a fund's page shows
 * the national, regional and départemental events too), newest first, in a new array.
 */
export function eventsForScope<T extends ScopedEvent>(events: readonly T[], scope: EventScope, funds: readonly ScopeFund[]): T[] {
  const chain = scopeWithParents(scope, funds);
  return events
    .filter((event) => chain.some((member) => member.level === event.scopeLevel && member.code === event.scopeCode))
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}
