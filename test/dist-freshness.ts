import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
// What `nest build` reads: an edit to any of these after the last build makes dist/ stale.
const BUILD_INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'];
// Written by every `nest build` (it empties dist/ first), so its time is the build's.
const BUILD_STAMP = join(ROOT, 'dist', 'main.js');

interface FileTime {
  path: string;
  mtimeMs: number;
}

/**
 * Many e2e tests start `dist/main.js` or `dist/cli/cli.js`. `npm test` builds first, but a lone
 * `npx jest test/x.e2e.spec.ts` after an edit would test the previous build: rebuild it here.
 */
export function ensureFreshBuild(): void {
  const built = modifiedAt(BUILD_STAMP);
  const newest = newestInput();
  if (built !== undefined && newest.mtimeMs <= built) return;
  const reason = built === undefined ? 'there is no dist/main.js' : `${relative(ROOT, newest.path)} changed after the last build`;
  process.stdout.write(`\ndist/ is stale (${reason}): running nest build before the tests that start dist/…\n`);
  try {
    execFileSync(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
  } catch {
    throw new Error('nest build failed (errors above): the tests start dist/, so fix the build and run them again');
  }
}

function newestInput(): FileTime {
  let newest: FileTime = { path: '', mtimeMs: 0 };
  const visit = (path: string): void => {
    const stats = statSync(path);
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else if (!path.endsWith('.spec.ts') && stats.mtimeMs > newest.mtimeMs) {
      newest = { path, mtimeMs: stats.mtimeMs };
    }
  };
  for (const input of BUILD_INPUTS) visit(join(ROOT, input));
  return newest;
}

function modifiedAt(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}
