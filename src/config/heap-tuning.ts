import { setFlagsFromString } from 'node:v8';

// 0 is V8's default: its own growing factor, from how fast it collects and how fast we allocate.
const V8_OWN_HEURISTICS = '--heap-growing-percent=0';
const SOONER = '--heap-growing-percent=30';
let holders = 0;

/**
 * Makes V8 collect its old generation sooner, until the returned function is called. For the
 * jobs that read the whole snapshot or the whole reports table (a cube export, a refresh): left
 * alone, V8 let an export's garbage (rows read from PostgreSQL) pile up by about 100 MB before a
 * full collection, and a refresh's by 800 MB. With the heap allowed to grow by 30 % past what is
 * live, an export grows the process by 5–22 MB, for a refresh about a fifth slower.
 *
 * Not for the whole process: under intake, the same setting ran a full collection every 0.7 s
 * and its pauses showed in the tail latency (docs/performance.md). Counted, so that overlapping
 * jobs keep it until the last one ends. The CLI takes it for good.
 */
export function collectGarbageSooner(): () => void {
  if (holders++ === 0) setFlagsFromString(SOONER);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders === 0) setFlagsFromString(V8_OWN_HEURISTICS);
  };
}

/** Runs `work` with collectGarbageSooner() held. */
export async function withGarbageCollectedSooner<T>(work: () => Promise<T>): Promise<T> {
  const release = collectGarbageSooner();
  try {
    return await work();
  } finally {
    release();
  }
}
