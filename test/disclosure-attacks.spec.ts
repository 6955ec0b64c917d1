import { describe, expect, it } from '@jest/globals';
import { CoarseFigures } from '../src/stats/disclosure-control';
import { ALLOWANCE_KINDS, AllowanceKind } from '../src/reports/report.entity';
import { CubeIndex, Geography } from '../src/stats/stats-cube';
import { delayBin, loadGeography, Publication, publish, SimReport } from './disclosure-simulation';
import { seededRandom } from './seeded-random';

// The three attacks of the audit (issue 17), tried against what the service publishes, each with
// the most the attacker learned and the bound docs/privacy.md ("Disclosure control") states.
// Before the noisy releases, each attack recovered people exactly: 119 suppressed cells by linear
// algebra, the padded victim's delay every time, the victim's change every time.

const geography = loadGeography();
const cube = new CubeIndex(geography, 2026);
/** The cube of a few funds only (with France and their regions): the same cells for them, far fewer to build per trial. */
function smallCube(codes: string[]): CubeIndex {
  return new CubeIndex(new Geography(codes.map((code) => geography.caisses.get(code)!)), 2026);
}
const FUNDS = [...geography.caisses.keys()];
const MONTHS = Array.from({ length: 24 }, (_, index) => `${2025 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);

function randomReport(random: () => number, overrides: Partial<SimReport> = {}): SimReport {
  const paid = random() < 0.85;
  const duration = Math.floor(5 + -Math.log(1 - random()) * 28);
  return {
    id: Math.floor(random() * 2 ** 32),
    caisse: FUNDS[Math.floor(random() ** 1.6 * FUNDS.length)],
    kind: ALLOWANCE_KINDS[Math.floor(random() ** 3 * ALLOWANCE_KINDS.length)],
    month: MONTHS[Math.floor(random() * MONTHS.length)],
    duration,
    paid,
    fundDuration: random() < 0.6 ? Math.max(0, duration - Math.floor(random() * 10)) : null,
    consequenceMask: random() < 0.5 ? 1 + Math.floor(random() * 15) : 0,
    ...overrides,
  };
}

const secretOf = (random: () => number) => Buffer.from(Array.from({ length: 32 }, () => Math.floor(random() * 256)));

describe('attack 1: linear algebra over everything one snapshot publishes', () => {
  it('recovers no suppressed cell better than guessing, and proves none', () => {
    const random = seededRandom(3876);
    const reports = Array.from({ length: 3876 }, () => randomReport(random));
    const publication = publish(reports, cube, secretOf(random), 1);
    const result = leastSquaresAttack(publication);
    process.stdout.write(`attack 1: ${JSON.stringify(result)}\n`);
    expect(result.suppressedNonEmpty).toBeGreaterThan(1000);
    // The attacker's best estimate of each suppressed cell's count (least squares over every
    // published count, the way tau-argus audits a table), rounded, against the truth:
    expect(result.exactShare).toBeLessThan(result.blindExactShare + 0.1);
    // Where it places exactly one report, it is right no more often than the share of
    // single-report cells among the suppressed ones (which anybody can guess).
    expect(result.singlePrecision).toBeLessThan(result.singleBaseRate + 0.15);
  });
});

/**
 * Unknowns: the counts of every (fund, kind, month) the attacker cannot rule out. Equations: every
 * published count is the sum of its base counts. Solved by conjugate gradient on the normal
 * equations (CGLS), then each suppressed cell estimated as the sum of its base estimates.
 */
function leastSquaresAttack(publication: Publication) {
  const periodCount = cube.periods.length;
  const monthIndexes = MONTHS.map((month) => cube.periodsOfMonth(month)[0]);
  const baseIndex = new Map<string, number>();
  FUNDS.forEach((caisse) => ALLOWANCE_KINDS.forEach((kind) => MONTHS.forEach((month) => baseIndex.set(`${caisse}|${kind}|${month}`, baseIndex.size))));
  // Members of a cube cell: the base unknowns it sums.
  const membersOf = (index: number): number[] => {
    const coordinates = cube.coordinates(index);
    const funds = geography.members(coordinates.geoLevel, coordinates.geoCode);
    const kinds = coordinates.kind === 'all' ? ALLOWANCE_KINDS : [coordinates.kind as AllowanceKind];
    const months = MONTHS.filter((month, position) => cube.periodsOfMonth(month).includes(index % periodCount) && monthIndexes[position] >= 0);
    return funds.flatMap((caisse) => kinds.flatMap((kind) => months.map((month) => baseIndex.get(`${caisse}|${kind}|${month}`)!)));
  };
  const rows: { members: number[]; value: number }[] = [];
  for (const [index, figures] of publication.figures) rows.push({ members: membersOf(index), value: figures.reports });
  const x = new Float64Array(baseIndex.size);
  cgls(rows, x, 150);
  // Suppressed non-empty cells (what the audit recovered) with their truth.
  let suppressedNonEmpty = 0;
  let exact = 0;
  let single = 0;
  let singleExact = 0;
  let claimedSingle = 0;
  const truths: number[] = [];
  for (const [index, aggregate] of publication.truth) {
    if (publication.figures.has(index)) continue;
    const truth = aggregate.main.reduce((sum, count) => sum + count, 0);
    if (truth === 0 || truth >= 11) continue;
    suppressedNonEmpty++;
    truths.push(truth);
    const estimate = Math.round(membersOf(index).reduce((sum, member) => sum + x[member], 0));
    if (estimate === truth) exact++;
    if (estimate === 1) claimedSingle++;
    if (truth === 1) {
      single++;
      if (estimate === 1) singleExact++;
    }
  }
  // A blind attacker guesses the commonest small count for every suppressed cell.
  const counts = new Map<number, number>();
  for (const truth of truths) counts.set(truth, (counts.get(truth) ?? 0) + 1);
  const blindExact = Math.max(...counts.values());
  return {
    publishedCells: publication.figures.size,
    suppressedNonEmpty,
    exactShare: exact / suppressedNonEmpty,
    blindExactShare: blindExact / suppressedNonEmpty,
    singleCells: single,
    singleBaseRate: single / suppressedNonEmpty,
    singlePrecision: singleExact / Math.max(1, claimedSingle),
  };
}

function cgls(rows: { members: number[]; value: number }[], x: Float64Array, iterations: number): void {
  const residual = rows.map((row) => row.value);
  const s = new Float64Array(x.length);
  for (let r = 0; r < rows.length; r++) for (const member of rows[r].members) s[member] += residual[r];
  const p = Float64Array.from(s);
  let gamma = s.reduce((sum, value) => sum + value * value, 0);
  for (let iteration = 0; iteration < iterations && gamma > 1e-9; iteration++) {
    const q = rows.map((row) => row.members.reduce((sum, member) => sum + p[member], 0));
    const alpha = gamma / q.reduce((sum, value) => sum + value * value, 0);
    for (let i = 0; i < x.length; i++) x[i] += alpha * p[i];
    q.forEach((value, r) => (residual[r] -= alpha * value));
    s.fill(0);
    for (let r = 0; r < rows.length; r++) for (const member of rows[r].members) s[member] += residual[r];
    const next = s.reduce((sum, value) => sum + value * value, 0);
    for (let i = 0; i < x.length; i++) p[i] = s[i] + (next / gamma) * p[i];
    gamma = next;
  }
}

describe('attack 2: padding a cell of one real report with fake ones', () => {
  it("does not give the real person's delay away, over many trials", () => {
    const random = seededRandom(976);
    const trials = 400;
    const mayotte = smallCube(['976']);
    const hits = { median: 0, paidMedian: 0, mean: 0, best: 0 };
    let chance = 0;
    for (let trial = 0; trial < trials; trial++) {
      const victimDelay = Math.floor(random() * 121);
      const victim = randomReport(random, { caisse: '976', kind: 'maladie', month: '2026-06', duration: victimDelay, paid: true });
      const fakes = [0, 0, 0, 0, 0, 150, 150, 150, 150, 150].map((duration) =>
        randomReport(random, { caisse: '976', kind: 'maladie', month: '2026-06', duration, paid: true }),
      );
      const publication = publish([victim, ...fakes], mayotte, secretOf(random), 1);
      const cell = mayotte.indexOf({ geoLevel: 'caisse', geoCode: '976', kind: 'maladie', periodLevel: 'month', period: '2026-06' })!;
      const figures = publication.figures.get(cell);
      const truthBin = delayBin(victimDelay);
      chance += 1 / 15; // 121 equally likely delays in 15 bins of 7 to 15 days
      if (!figures) continue;
      const guesses = paddingGuesses(figures);
      if (guesses.median !== null && delayBin(guesses.median) === truthBin) hits.median++;
      if (guesses.paidMedian !== null && delayBin(guesses.paidMedian) === truthBin) hits.paidMedian++;
      if (guesses.mean !== null && delayBin(guesses.mean) === truthBin) hits.mean++;
    }
    hits.best = Math.max(hits.median, hits.paidMedian, hits.mean);
    process.stdout.write(`attack 2: ${JSON.stringify({ trials, ...hits, chance: chance / trials })}\n`);
    // The attacker's best rule finds the victim's delay (to the week) in fewer than 1 trial in 5:
    // before, the published median was that delay every time.
    expect(hits.best / trials).toBeLessThan(0.2);
  });
});

/** What an attacker who knows the 10 fakes (5 at 0 days, 5 at 150) reads from a published cell. */
function paddingGuesses(figures: CoarseFigures): { median: number | null; paidMedian: number | null; mean: number | null } {
  // With 5 fakes on each side, the median of the 11 is the victim's delay.
  const median = figures.medianDays;
  const paidMedian = figures.paidMedianDays;
  // mean × paid = Σ delays: take out the fakes' 750 days.
  const mean = figures.paidMeanDays === null ? null : Math.max(0, Math.round(figures.paidMeanDays * figures.paid - 750));
  return { median, paidMedian, mean };
}

describe("attack 3: differencing two releases around 4 changes of the attacker's own", () => {
  it('tells neither whether the victim changed nor how, much better than chance', () => {
    const random = seededRandom(751);
    const trials = 400;
    const paris = smallCube(['751']);
    let statusRight = 0;
    for (let trial = 0; trial < trials; trial++) {
      const secret = secretOf(random);
      const others = Array.from({ length: 14 }, () => randomReport(random, { caisse: '751', kind: 'maladie', month: '2026-08' }));
      const victim = randomReport(random, { caisse: '751', kind: 'maladie', month: '2026-08', paid: false, duration: 20 });
      const before = publish([...others, victim], paris, secret, 1);
      const victimPaid = random() < 0.5;
      const after = victimPaid ? { ...victim, paid: true, duration: 35 } : victim;
      const fakes = Array.from({ length: 4 }, () => randomReport(random, { caisse: '751', kind: 'maladie', month: '2026-08', paid: true, duration: 10 }));
      const next = publish([...others, after, ...fakes], paris, secret, 2, before);
      const cell = paris.indexOf({ geoLevel: 'caisse', geoCode: '751', kind: 'maladie', periodLevel: 'month', period: '2026-08' })!;
      const guess = differencingGuess(before.figures.get(cell), next.figures.get(cell), next.cells.find((c) => c.index === cell)?.figures !== null);
      if (guess === victimPaid) statusRight++;
    }
    process.stdout.write(`attack 3: ${JSON.stringify({ trials, statusRight })}\n`);
    // Right about the victim's payment in fewer than 65 % of trials (50 % is a coin; 100 % before).
    expect(statusRight / trials).toBeLessThan(0.65);
  });
});

/** The attacker's rule: released again and one more paid than their 4 explain → the victim was paid. */
function differencingGuess(before: CoarseFigures | undefined, after: CoarseFigures | undefined, released: boolean): boolean {
  // The gate lets 5 changes through more often than 4: no release suggests the victim did nothing.
  if (!released || !before || !after) return false;
  return after.paid - before.paid - 4 >= 0.5;
}
