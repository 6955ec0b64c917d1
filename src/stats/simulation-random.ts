import { NOISE_VARIANCE } from './noisy-release';

// Fast, seeded draws for simulations of the release mechanism (release-calibration.ts). They stand
// in for nobody's data and protect nothing, so they need no secret and no exact sampler: the
// privacy noise itself is drawn by discrete-gaussian.ts.

/** mulberry32: a small seeded generator, so a simulation replays from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over integers: a seed that is a function of the counts a simulation starts from. */
export function seedOf(...arrays: ArrayLike<number>[]): number {
  let hash = 0x811c9dc5;
  for (const values of arrays) {
    for (let i = 0; i < values.length; i++) hash = Math.imul(hash ^ (values[i] | 0), 0x01000193);
    hash = Math.imul(hash ^ 0xff, 0x01000193);
  }
  return hash >>> 0;
}

// The release noise N_Z(0, σ²) by inversion of its cumulative table: beyond 12σ the mass is below 1e-31.
const NOISE_REACH = Math.ceil(12 * Math.sqrt(NOISE_VARIANCE));
const noiseCumulative = (() => {
  const weights = Array.from({ length: 2 * NOISE_REACH + 1 }, (_, i) => Math.exp(-((i - NOISE_REACH) ** 2) / (2 * NOISE_VARIANCE)));
  const sum = weights.reduce((a, b) => a + b, 0);
  let running = 0;
  return Float64Array.from(weights, (weight) => (running += weight / sum));
})();

/** One draw of the release noise (the discrete Gaussian of variance NOISE_VARIANCE). */
export function simulatedNoise(random: () => number): number {
  const u = random();
  // the first index whose cumulative reaches u, by bisection
  let [low, high] = [0, noiseCumulative.length - 1];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (noiseCumulative[middle] < u) low = middle + 1;
    else high = middle;
  }
  return low - NOISE_REACH;
}

/**
 * Binomial(n, p): by inversion while n·p is small (exact), by the rounded normal approximation
 * past NORMAL_FROM expected successes, where the two differ by far less than the release noise.
 */
const NORMAL_FROM = 40;
export function binomial(random: () => number, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(random, n, 1 - p);
  const mean = n * p;
  if (mean >= NORMAL_FROM) {
    const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.min(n, Math.max(0, Math.round(mean + Math.sqrt(mean * (1 - p)) * gaussian)));
  }
  // P(k+1)/P(k) = (n − k)/(k + 1) · p/(1 − p), from P(0) = (1 − p)ⁿ
  const ratio = p / (1 - p);
  let probability = Math.pow(1 - p, n);
  let cumulative = probability;
  const u = random();
  let k = 0;
  while (u > cumulative && k < n) {
    probability *= ((n - k) / (k + 1)) * ratio;
    cumulative += probability;
    k++;
  }
  return k;
}

/**
 * n draws over categories weighted by `weights` (non-negative, not all 0): one by one when there
 * are fewer draws than categories, else by conditional binomials.
 */
export function multinomial(random: () => number, n: number, weights: ArrayLike<number>): Int32Array {
  const counts = new Int32Array(weights.length);
  let remainingMass = 0;
  let last = -1;
  for (let i = 0; i < weights.length; i++) {
    remainingMass += weights[i];
    if (weights[i] > 0) last = i;
  }
  if (last < 0) return counts;
  if (n <= weights.length) {
    for (let draw = 0; draw < n; draw++) {
      let target = random() * remainingMass;
      let i = 0;
      while (i < last && (target >= weights[i] || weights[i] <= 0)) target -= weights[i++];
      counts[i]++;
    }
    return counts;
  }
  let remaining = n;
  for (let i = 0; i < last && remaining > 0; i++) {
    if (weights[i] <= 0) continue;
    counts[i] = binomial(random, remaining, Math.min(1, weights[i] / remainingMass));
    remaining -= counts[i];
    remainingMass -= weights[i];
  }
  counts[last] += remaining;
  return counts;
}
