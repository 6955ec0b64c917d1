// The delays a release publishes are counted in bins: a week wide up to 13 weeks, wider after,
// with an edge at THRESHOLD_DAYS so the share unpaid after the threshold is read at a bin edge.
// A bin stands for its last day ("paid within 35 days"); the last bin, past 365 days, for 366.
// Noise is added per bin (noisy-release.ts): few bins keep it small next to the counts.

const WEEKLY_UNTIL = 91;
const WIDER_EDGES = [105, 120, 150, 180, 240, 365];

export interface DelayBins {
  /** the day each bin stands for (its last day), ascending; the last one is open-ended */
  readonly times: Int32Array;
  /** bin of each duration 0..366 (longer ones: the last bin) */
  readonly binOfDuration: Uint8Array | Uint16Array;
}

const cache = new Map<number, DelayBins>();

export function delayBins(thresholdDays: number): DelayBins {
  let bins = cache.get(thresholdDays);
  if (!bins) {
    const edges = new Set<number>(WIDER_EDGES);
    for (let day = 7; day <= WEEKLY_UNTIL; day += 7) edges.add(day);
    if (thresholdDays >= 0 && thresholdDays < 365) edges.add(thresholdDays);
    const sorted = [...edges].sort((a, b) => a - b);
    const times = Int32Array.from([...sorted, sorted[sorted.length - 1] + 1]);
    const binOfDuration = new Uint8Array(times[times.length - 1] + 1);
    let bin = 0;
    for (let duration = 0; duration < binOfDuration.length; duration++) {
      while (bin < times.length - 1 && duration > times[bin]) bin++;
      binOfDuration[duration] = bin;
    }
    bins = { times, binOfDuration };
    cache.set(thresholdDays, bins);
  }
  return bins;
}

export function binOf(bins: DelayBins, duration: number): number {
  return duration >= bins.binOfDuration.length ? bins.times.length - 1 : bins.binOfDuration[duration];
}
