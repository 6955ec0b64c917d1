import { randomBytes } from 'node:crypto';

// Random bytes drawn a few kilobytes at a time: one call to the system's generator serves
// hundreds of receipts and idempotency IVs on the intake hot path. A pool is never refilled in
// place, so a slice handed out keeps its bytes and no byte is handed out twice.
const RANDOM_POOL_SIZE = 4096;
let randomPool = Buffer.alloc(0);
let randomOffset = 0;

/** `count` fresh random bytes (a view into the current pool: copy it to keep it past a request). */
export function takeRandomBytes(count: number): Buffer {
  if (randomOffset + count > randomPool.length) {
    randomPool = randomBytes(RANDOM_POOL_SIZE);
    randomOffset = 0;
  }
  randomOffset += count;
  return randomPool.subarray(randomOffset - count, randomOffset);
}
