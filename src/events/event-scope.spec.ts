import { describe, expect, it } from '@jest/globals';
import { eventsForScope, formatScope, NATIONAL, resolveScope, ScopeFund, scopeWithParents } from './event-scope';

// A slice of the reference data: a fund for one département, two funds for one, and a DOM fund
// whose code is also a département code and which serves three départements.
const FUNDS: ScopeFund[] = [
  { code: '751', departements: ['75'], region: 'Île-de-France' },
  { code: '592', departements: ['59'], region: 'Hauts-de-France' },
  { code: '594', departements: ['59'], region: 'Hauts-de-France' },
  { code: '2A1', departements: ['2A'], region: 'Corse' },
  { code: '061', departements: ['06'], region: "Provence-Alpes-Côte d'Azur" },
  { code: '971', departements: ['971', '977', '978'], region: 'Guadeloupe' },
];

describe('resolveScope', () => {
  it.each([
    ['national', { level: 'national', code: null }],
    ['751', { level: 'caisse', code: '751' }],
    ['75', { level: 'departement', code: '75' }],
    ['2a', { level: 'departement', code: '2A' }],
    ['Île-de-France', { level: 'region', code: 'Île-de-France' }],
    ['île-de-france', { level: 'region', code: 'Île-de-France' }],
    ['Provence-Alpes-Côte d’Azur', { level: 'region', code: "Provence-Alpes-Côte d'Azur" }],
    ['Île-de-France'.normalize('NFD'), { level: 'region', code: 'Île-de-France' }],
    ['971', { level: 'caisse', code: '971' }],
    ['departement:971', { level: 'departement', code: '971' }],
    ['caisse:751', { level: 'caisse', code: '751' }],
    ['region:Corse', { level: 'region', code: 'Corse' }],
  ])('reads %j', (input, expected) => {
    expect(resolveScope(input, FUNDS)).toEqual(expected);
  });

  it.each(['', 'National', '999', '76', 'Bavière', 'caisse:75', 'departement:751', 'region:75', 'national:x', ' 751', 'caisse:'])('refuses %j', (input) => {
    expect(resolveScope(input, FUNDS)).toBeNull();
  });
});

describe('formatScope', () => {
  it('writes the bare value when it reads back the same, the prefixed form when a bare code would mean a fund', () => {
    expect(formatScope(NATIONAL, FUNDS)).toBe('national');
    expect(formatScope({ level: 'caisse', code: '971' }, FUNDS)).toBe('971');
    expect(formatScope({ level: 'departement', code: '971' }, FUNDS)).toBe('departement:971');
    expect(formatScope({ level: 'departement', code: '977' }, FUNDS)).toBe('977');
    expect(formatScope({ level: 'region', code: 'Corse' }, FUNDS)).toBe('Corse');
    for (const scope of [
      { level: 'departement', code: '971' },
      { level: 'region', code: 'Guadeloupe' },
      { level: 'caisse', code: '2A1' },
    ] as const) {
      expect(resolveScope(formatScope(scope, FUNDS), FUNDS)).toEqual(scope);
    }
  });
});

describe('scopeWithParents', () => {
  it('goes from a fund up through each of its départements and its region to national', () => {
    expect(scopeWithParents({ level: 'caisse', code: '971' }, FUNDS)).toEqual([
      { level: 'caisse', code: '971' },
      { level: 'departement', code: '971' },
      { level: 'departement', code: '977' },
      { level: 'departement', code: '978' },
      { level: 'region', code: 'Guadeloupe' },
      NATIONAL,
    ]);
  });

  it('goes from a département to its region once, even with two funds, and stops at national', () => {
    expect(scopeWithParents({ level: 'departement', code: '59' }, FUNDS)).toEqual([
      { level: 'departement', code: '59' },
      { level: 'region', code: 'Hauts-de-France' },
      NATIONAL,
    ]);
    expect(scopeWithParents({ level: 'region', code: 'Corse' }, FUNDS)).toEqual([{ level: 'region', code: 'Corse' }, NATIONAL]);
    expect(scopeWithParents(NATIONAL, FUNDS)).toEqual([NATIONAL]);
  });
});

describe('eventsForScope', () => {
  const event = (name: string, scopeLevel: 'national' | 'region' | 'departement' | 'caisse', scopeCode: string | null, date: string) => ({
    name,
    scopeLevel,
    scopeCode,
    date,
  });
  const events = [
    event('national', 'national', null, '2025-01-15'),
    event('region', 'region', 'Hauts-de-France', '2026-02-01'),
    event('département', 'departement', '59', '2025-06-30'),
    event('this fund', 'caisse', '592', '2026-03-10'),
    event('the other fund of 59', 'caisse', '594', '2026-04-01'),
    event('another region', 'region', 'Corse', '2026-05-01'),
    event('Paris', 'caisse', '751', '2026-05-02'),
  ];

  it("gives a fund its own events and its département's, region's and national ones, newest first", () => {
    expect(eventsForScope(events, { level: 'caisse', code: '592' }, FUNDS).map((found) => found.name)).toEqual([
      'this fund',
      'region',
      'département',
      'national',
    ]);
  });

  it('gives a département its parents’ events but not its funds’, and national only the national ones', () => {
    expect(eventsForScope(events, { level: 'departement', code: '59' }, FUNDS).map((found) => found.name)).toEqual(['region', 'département', 'national']);
    expect(eventsForScope(events, NATIONAL, FUNDS).map((found) => found.name)).toEqual(['national']);
  });

  it('leaves its input as it was', () => {
    const copy = structuredClone(events);
    eventsForScope(events, { level: 'caisse', code: '592' }, FUNDS);
    expect(events).toEqual(copy);
  });
});
