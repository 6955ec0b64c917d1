/** `npm run test:faults`: the long fault, crash and fuzz scenarios, one file at a time, loopback only. */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  testTimeout: 180_000,
  maxWorkers: 1,
};
