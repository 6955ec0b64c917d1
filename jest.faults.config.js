/** `npm run test:faults`: the long fault, crash and fuzz scenarios, one file at a time, loopback only. */
const base = require('./jest.config');

const e2e = base.projects.find((project) => project.displayName === 'e2e');

module.exports = {
  ...e2e,
  displayName: 'faults',
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  reporters: base.reporters,
  testTimeout: 180_000,
  maxWorkers: 1,
};
