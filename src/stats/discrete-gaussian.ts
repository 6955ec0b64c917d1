import { Cipher, createCipheriv, createHmac } from 'node:crypto';

// Exact sampling of the discrete Gaussian N_Z(0, σ²), after Canonne, Kamath and Steinke, "The
// Discrete Gaussian for Differential Privacy" (NeurIPS 2020), algorithms 1-3: only integer
// comparisons against uniform integers, no floating point, so the distribution is the one the
// privacy analysis assumes (floating-point samplers leak through their rounding).
//
// The random bits come from AES-256 in counter mode under a key derived from the server's noise
// secret, with the counter starting from a cell's content key: the same contents always get the
// same noise (a cell republished unchanged, or two cells that hold the same reports, show the
// same figures), and nobody without the secret can predict it.

const BLOCK_BYTES = 16;

/** A cell's content key: two independent 32-bit sums of its reports' hashes (report-fact-layout.ts). */
export type ContentKey = readonly [number, number];
// A republication gate needs two words, a release about seventy: a first small refill, then
// large ones. A cell's stream is the same whatever the refill sizes (block n is always AES of
// the same counter).
const FIRST_REFILL_BLOCKS = 2;
const MAX_REFILL_BLOCKS = 32;

/** A deterministic stream of uniform integers for one cell. */
export class CellRandom {
  private words = new Uint32Array(0);
  private offset = 0;
  private block = 0;

  constructor(
    private readonly cipher: Cipher,
    private readonly contentKey: ContentKey,
    private readonly salt: number,
  ) {}

  nextUint32(): number {
    if (this.offset === this.words.length) this.refill();
    return this.words[this.offset++];
  }

  /** A uniform integer in [0, bound), bound ≤ 2^32, by rejection on just enough bits (no modulo bias). */
  below(bound: number): number {
    if (!Number.isInteger(bound) || bound < 1 || bound > 2 ** 32) throw new RangeError(`bad bound ${bound}`);
    if (bound === 1) return 0;
    const bits = 32 - Math.clz32(bound - 1); // ⌈log₂ bound⌉, in integers
    if (bits > 24) {
      const limit = Math.floor(2 ** 32 / bound) * bound;
      for (;;) {
        const value = this.nextUint32();
        if (value < limit) return value % bound;
      }
    }
    for (;;) {
      const value = this.nextBits(bits);
      if (value < bound) return value;
    }
  }

  // Most draws need 1 to 8 bits (small Bernoulli denominators): taking them from a reservoir
  // instead of a whole word each divides the keystream needed by four.
  private reservoir = 0;
  private reservoirBits = 0;

  private nextBits(bits: number): number {
    if (this.reservoirBits < bits) {
      this.reservoir = this.nextUint32();
      this.reservoirBits = 32;
    }
    const value = this.reservoir & ((1 << bits) - 1);
    this.reservoir >>>= bits;
    this.reservoirBits -= bits;
    return value;
  }

  private refill(): void {
    const blocks = this.block === 0 ? FIRST_REFILL_BLOCKS : MAX_REFILL_BLOCKS;
    const counters = new DataView(new ArrayBuffer(BLOCK_BYTES * blocks));
    for (let i = 0; i < blocks; i++) {
      counters.setUint32(i * BLOCK_BYTES, this.contentKey[0] >>> 0, true);
      counters.setUint32(i * BLOCK_BYTES + 4, this.contentKey[1] >>> 0, true);
      counters.setUint32(i * BLOCK_BYTES + 8, this.block++, true);
      counters.setUint32(i * BLOCK_BYTES + 12, this.salt >>> 0, true);
    }
    const bytes = this.cipher.update(counters);
    // Whole words in the platform's byte order: any order of uniform bits is uniform.
    this.words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
    this.offset = 0;
  }
}

/** One keyed generator per purpose; `forCell` gives the stream of a cell's content key (and a salt, such as a release epoch). */
export class NoiseSource {
  private readonly cipher: Cipher;

  constructor(secret: Buffer, purpose: string) {
    const key = createHmac('sha256', secret).update(`stats-noise\n${purpose}`).digest();
    this.cipher = createCipheriv('aes-256-ecb', key, null);
    this.cipher.setAutoPadding(false);
  }

  forCell(contentKey: ContentKey, salt = 0): CellRandom {
    return new CellRandom(this.cipher, contentKey, salt);
  }
}

/** Bernoulli(numerator / denominator), exactly. */
function bernoulli(random: CellRandom, numerator: number, denominator: number): boolean {
  return random.below(denominator) < numerator;
}

/** Bernoulli(exp(−n/d)) for n/d ≥ 0, exactly (CKS algorithm 1, with the split for γ > 1). */
export function bernoulliExpMinus(random: CellRandom, numerator: number, denominator: number): boolean {
  while (numerator > denominator) {
    if (!bernoulliExpMinus(random, 1, 1)) return false;
    numerator -= denominator;
  }
  let k = 1;
  while (bernoulli(random, numerator, denominator * k)) k++;
  return k % 2 === 1;
}

/** Discrete Laplace with scale t: P(x) ∝ exp(−|x|/t) (CKS algorithm 2). */
function discreteLaplace(random: CellRandom, t: number): number {
  for (;;) {
    const u = random.below(t);
    if (!bernoulliExpMinus(random, u, t)) continue;
    let v = 0;
    while (bernoulliExpMinus(random, 1, 1)) v++;
    const negative = random.below(2) === 1;
    if (negative && u === 0 && v === 0) continue;
    const magnitude = u + t * v;
    return negative ? -magnitude : magnitude;
  }
}

/** Discrete Gaussian: P(x) ∝ exp(−x² / 2σ²), σ² a positive integer (CKS algorithm 3). */
export function discreteGaussian(random: CellRandom, variance: number): number {
  if (!Number.isInteger(variance) || variance < 1) throw new RangeError('the variance must be a positive integer');
  const t = Math.floor(Math.sqrt(variance)) + 1;
  for (;;) {
    const y = discreteLaplace(random, t);
    // accept with probability exp(−(|y| − σ²/t)² / 2σ²) = exp(−(t|y| − σ²)² / (2σ²t²))
    const gap = t * Math.abs(y) - variance;
    if (bernoulliExpMinus(random, gap * gap, 2 * variance * t * t)) return y;
  }
}
