import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs a bench/ measurement script in a child node process and answers the JSON it writes to
 * `--out`. For statistical properties that need thousands of simulated releases: code runs several
 * times slower under jest than under node, and the CI's other suites need the CPU.
 */
export function benchScript<Result>(script: string, args: string[]): Result {
  const folder = mkdtempSync(join(tmpdir(), 'bench-script-'));
  try {
    const out = join(folder, 'result.json');
    execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '..', 'bench', script), ...args, '--out', out], {
      cwd: join(__dirname, '..'),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return JSON.parse(readFileSync(out, 'utf8')) as Result;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
