import type { CoarseFigures, StoredRelease } from './disclosure-control';
import { calibratedLogRank } from './release-calibration';
import { CellCoordinates, cellKey, KindValue } from './stats-cube';

// Alerts (issue 14): at each snapshot, every fund's last complete quarter against the quarter before
// and the same quarter a year earlier, all kinds together and per kind, wherever both cells are
// published. A deterioration is an alert when its log-rank test stays significant after the
// Benjamini–Hochberg correction over every comparison made (false discovery rate 5 %) and the
// median or the share unpaid after the threshold got worse. Everything is read from the snapshot.

export const FALSE_DISCOVERY_RATE = 0.05;

/**
 * Benjamini–Hochberg: which hypotheses to reject at false discovery rate `q`. With p sorted
 * ascending, the largest k with p₍ₖ₎ ≤ k·q/m; the k smallest are rejected.
 */
export function benjaminiHochberg(pValues: number[], q: number): boolean[] {
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p);
  let rejectedCount = 0;
  order.forEach(({ p }, rank) => {
    if (p <= ((rank + 1) * q) / pValues.length) rejectedCount = rank + 1;
  });
  const rejected = new Array<boolean>(pValues.length).fill(false);
  for (let rank = 0; rank < rejectedCount; rank++) rejected[order[rank].index] = true;
  return rejected;
}

/** "2026-Q3" → "2026-Q2"; "2026-Q1" → "2025-Q4". */
export function previousQuarter(quarter: string): string {
  const [year, number] = [Number(quarter.slice(0, 4)), Number(quarter.slice(-1))];
  return number === 1 ? `${year - 1}-Q4` : `${year}-Q${number - 1}`;
}

/** The last quarter that ended before `today` (YYYY-MM-DD). */
export function lastCompleteQuarter(today: string): string {
  const current = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
  return previousQuarter(current);
}

export type Baseline = 'previous-quarter' | 'year-earlier';

export interface AlertCandidate {
  caisse: string;
  kind: KindValue;
  baseline: Baseline;
  before: CellCoordinates;
  after: CellCoordinates;
}

/** The comparisons of a snapshot: every fund × (all kinds and each kind) × two baselines. */
export function alertCandidates(caisses: string[], kinds: readonly KindValue[], today: string): AlertCandidate[] {
  const after = lastCompleteQuarter(today);
  const baselines: [Baseline, string][] = [
    ['previous-quarter', previousQuarter(after)],
    ['year-earlier', `${Number(after.slice(0, 4)) - 1}${after.slice(4)}`],
  ];
  const cell = (caisse: string, kind: KindValue, period: string): CellCoordinates => ({
    geoLevel: 'caisse',
    geoCode: caisse,
    kind,
    periodLevel: 'quarter',
    period,
  });
  return caisses.flatMap((caisse) =>
    kinds.flatMap((kind) =>
      baselines.map(([baseline, before]) => ({ caisse, kind, baseline, before: cell(caisse, kind, before), after: cell(caisse, kind, after) })),
    ),
  );
}

export interface PublishedSide {
  figures: CoarseFigures;
  release: StoredRelease;
}

export interface Alert {
  /** stable across snapshots for the same fund, kind and periods (the Atom entry's id) */
  id: string;
  caisse: string;
  kind: KindValue;
  baseline: Baseline;
  before: { period: string; reports: number; medianDays: number | null; shareOverThreshold: number | null };
  after: { period: string; reports: number; medianDays: number | null; shareOverThreshold: number | null };
  /** the calibrated log-rank test's p-value (significant after the correction over `compared` tests) */
  pValue: number;
  /** share unpaid after the threshold, after minus before */
  shareDifference: number | null;
}

const worse = (before: number | null, after: number | null) => before !== null && after !== null && after > before;
const difference = (before: number | null, after: number | null) => (before !== null && after !== null ? after - before : null);

/** The alerts among `candidates`, given each candidate's two published sides (absent: not compared). */
export async function detectAlerts(
  candidates: AlertCandidate[],
  sides: Map<string, PublishedSide>,
  minGroupSize: number,
): Promise<{ compared: number; alerts: Alert[] }> {
  const compared = [];
  for (const candidate of candidates) {
    const [before, after] = [sides.get(cellKey(candidate.before)), sides.get(cellKey(candidate.after))];
    if (!before || !after) continue;
    // A calibrated comparison simulates its releases (a few milliseconds): let requests through between two.
    await new Promise((resolve) => setImmediate(resolve));
    const logRank = calibratedLogRank(Int32Array.from(before.release.main), Int32Array.from(after.release.main), minGroupSize);
    if (logRank) compared.push({ candidate, before, after, pValue: logRank.pValue });
  }
  const rejected = benjaminiHochberg(
    compared.map((entry) => entry.pValue),
    FALSE_DISCOVERY_RATE,
  );
  const alerts = compared
    .filter((entry, index) => rejected[index])
    .filter(
      ({ before, after }) =>
        worse(before.figures.medianDays, after.figures.medianDays) || worse(before.figures.shareOverThreshold, after.figures.shareOverThreshold),
    )
    .map(({ candidate, before, after, pValue }) => ({
      id: `urn:delais-ij:alerte:${candidate.caisse}:${candidate.kind}:${candidate.before.period}:${candidate.after.period}`,
      caisse: candidate.caisse,
      kind: candidate.kind,
      baseline: candidate.baseline,
      before: sideSummary(candidate.before.period, before.figures),
      after: sideSummary(candidate.after.period, after.figures),
      pValue,
      shareDifference: difference(before.figures.shareOverThreshold, after.figures.shareOverThreshold),
    }));
  return { compared: compared.length, alerts };
}

function sideSummary(period: string, figures: CoarseFigures) {
  return { period, reports: figures.reports, medianDays: figures.medianDays, shareOverThreshold: figures.shareOverThreshold };
}

export interface AlertsResponse {
  snapshotAt: string;
  /** the quarter compared: the last complete one */
  quarter: string;
  thresholdDays: number;
  falseDiscoveryRate: number;
  /** comparisons made (both sides published), the m of the correction */
  compared: number;
  alerts: Alert[];
}
