// Writes jest's own totals to test-output/summary.json and prints the closing line CI reads.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const passed = results.numPassedTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const folder = join(__dirname, '..', 'test-output');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'summary.json'), JSON.stringify({ passed, failed, total: results.numTotalTests }));
    process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
  }
}

module.exports = SummaryReporter;
