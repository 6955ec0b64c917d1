/** One line of bench/results.json. */
export interface Scenario {
  name: string;
  target: string;
  baseline?: string;
  requestsPerSecond?: number;
  /** Each round, in order: how noisy the machine was. */
  requestsPerSecondByRound?: number[];
  /** Each round's rate over the baseline's in the same round. */
  ratioByRound?: number[];
  p50Ms?: number;
  p99Ms?: number;
  errors?: number;
  baselineRequestsPerSecond?: number;
  ratio?: number;
  seconds?: number;
  /** Resident memory of the app: lowest and highest seen during each round's runs. */
  memoryMb?: { start: number; end: number; lowHighByRound?: string[]; highestGrowthFromFirstRound?: number };
  [figure: string]: unknown;
}

export interface SeededContext {
  databaseUrl: string;
  reports: number;
  seconds: number;
  rounds: number;
}
