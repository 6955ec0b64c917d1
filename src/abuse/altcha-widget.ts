import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// The `altcha` package (MIT): the "external" build, whose styles and workers are separate files,
// so the pages keep their CSP (script-src 'self', style-src 'self', no inline code or style).
// The package exports no package.json: its main file is dist/main/altcha.umd.cjs.
const ALTCHA_DIST = join(dirname(require.resolve('altcha')), '..');
const JS = 'text/javascript; charset=utf-8';

const SOURCES: Record<string, { path: string; type: string }> = {
  'altcha.js': { path: join(ALTCHA_DIST, 'external', 'altcha.min.js'), type: JS },
  'altcha.css': { path: join(ALTCHA_DIST, 'external', 'altcha.css'), type: 'text/css; charset=utf-8' },
  'pbkdf2-worker.js': { path: join(ALTCHA_DIST, 'workers', 'pbkdf2.js'), type: JS },
  'fr-fr.js': { path: join(ALTCHA_DIST, 'i18n', 'fr-fr.js'), type: JS },
  'altcha-setup.js': { path: join(__dirname, 'assets', 'altcha-setup.js'), type: JS },
};

/** Files served under /assets/altcha/, read once at start-up. */
export const ALTCHA_WIDGET_FILES = new Map(Object.entries(SOURCES).map(([name, { path, type }]) => [name, { content: readFileSync(path), type }]));
