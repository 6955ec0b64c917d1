import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { binOf, delayBins } from '../src/stats/delay-bins';
import { NoiseSource } from '../src/stats/discrete-gaussian';
import { CoarseFigures, PreviousCell, ProtectedCell, protectCube } from '../src/stats/disclosure-control';
import { packFact, packFundFact } from '../src/stats/report-fact-layout';
import { baseAggregate, BaseCell, buildCube, FreshCell } from '../src/stats/stats-cube-builder';
import { CaisseGeography, CubeIndex, Geography } from '../src/stats/stats-cube';
import { AllowanceKind } from '../src/reports/report.entity';

// The refresh's pure pipeline (base cells → cube → disclosure control) on reports made in memory,
// so attacks can be tried over thousands of snapshots. Everything after the base cells is the
// service's own code; only the SQL that reads report_facts is replaced (its packing is tested on
// PostgreSQL in stats-disclosure.e2e.spec.ts).

export const THRESHOLD_DAYS = 30;
export const MIN_GROUP_SIZE = 11;
export const bins = delayBins(THRESHOLD_DAYS);

export interface SimReport {
  /** the report's id bytes as the SQL reads them (id_key) */
  id: number;
  caisse: string;
  kind: AllowanceKind;
  /** YYYY-MM of the leave */
  month: string;
  duration: number;
  paid: boolean;
  /** the fund's part, null without an attestation date */
  fundDuration: number | null;
  consequenceMask: number;
}

/** The 107 funds, from shared/caisses.csv. */
export function loadGeography(): Geography {
  const lines = readFileSync(join(__dirname, '..', '..', 'shared', 'caisses.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  const caisses: CaisseGeography[] = lines.map((line) => {
    // names may hold commas only inside quotes; the file has none
    const [code, name, departements, region] = line.split(',');
    return { code, name, departements: departements.split(';'), region };
  });
  return new Geography(caisses);
}

/** Two 32-bit hashes of a report's id and content: what hashint8 gives in SQL, any good hash will do. */
function contentHash(report: SimReport): [number, number] {
  const digest = createHash('sha256').update(`${report.id}|${report.duration}|${report.paid}|${report.fundDuration}|${report.consequenceMask}`).digest();
  return [digest.readUInt32LE(0), digest.readUInt32LE(4)];
}

/** Base cells (fund, kind, leave month) of a list of reports, as StatsRepository.loadBaseCells returns them. */
export function baseCellsOf(reports: SimReport[]): BaseCell[] {
  const groups = new Map<string, SimReport[]>();
  for (const report of reports) {
    const key = `${report.caisse}|${report.kind}|${report.month}`;
    const group = groups.get(key);
    if (group) group.push(report);
    else groups.set(key, [report]);
  }
  return [...groups.entries()].map(([key, group]) => {
    const [caisse, kind, month] = key.split('|');
    let keyA = 0;
    let keyB = 0;
    const facts = group.map((report) => {
      const [hashA, hashB] = contentHash(report);
      keyA = (keyA + hashA) % 2 ** 32;
      keyB = (keyB + hashB) % 2 ** 32;
      return packFact({
        duration: report.duration,
        paid: report.paid,
        consequenceMask: report.consequenceMask,
        idBucket: report.id & 15,
        contentBucket: hashA & 15,
      });
    });
    const fundFacts = group.map((report) => packFundFact(report.fundDuration === null ? null : { duration: report.fundDuration, paid: report.paid }));
    return { caisse, kind: kind as AllowanceKind, month, ...baseAggregate(facts, fundFacts, [keyA, keyB], bins) };
  });
}

export interface Publication {
  cells: ProtectedCell[];
  /** what outputs show: each published cell's figures, by cell index (kept cells from the previous publication) */
  figures: Map<number, CoarseFigures>;
  /** the exact aggregates, for measuring what an attacker got right */
  truth: Map<number, FreshCell['aggregate']>;
}

/** One release of the whole cube, after `previous` if given (as StatsService.refresh does). */
export function publish(reports: SimReport[], cube: CubeIndex, secret: Buffer, epoch: number, previous?: Publication): Publication {
  const noise = { figures: new NoiseSource(secret, 'figures'), gate: new NoiseSource(secret, 'gate') };
  const fresh = [...buildCube(baseCellsOf(reports), cube)];
  const previousCells = new Map<number, PreviousCell>((previous?.cells ?? []).map((cell) => [cell.index, cell]));
  const cells = protectCube(fresh, previousCells, { minGroupSize: MIN_GROUP_SIZE, thresholdDays: THRESHOLD_DAYS, bins, noise, epoch });
  const figures = new Map<number, CoarseFigures>();
  for (const cell of cells) {
    if (cell.suppressed) continue;
    const shown = cell.figures ?? previous?.figures.get(cell.index);
    if (shown) figures.set(cell.index, shown);
  }
  return { cells, figures, truth: new Map(fresh.map((cell) => [cell.index, cell.aggregate])) };
}

/** The bin a delay falls in (what the published figures can tell at best). */
export function delayBin(days: number): number {
  return binOf(bins, days);
}
