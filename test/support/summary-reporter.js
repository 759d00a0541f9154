// The last line of every jest run, plain text for CI to read (`tail -n 1`, grep '^jest-summary:'):
//   jest-summary: PASSED tests=776 passed=776 failed=0 skipped=0 todo=0 suites=59 failed_suites=0 seconds=131
// FAILED when a test or a whole file failed (a file that cannot even load has no tests to count).
/* global module, process */
class SummaryReporter {
  onRunComplete(_contexts, r) {
    const failed = r.numFailedTests > 0 || r.numFailedTestSuites > 0 || r.numRuntimeErrorTestSuites > 0 || r.wasInterrupted;
    const fields = {
      tests: r.numTotalTests,
      passed: r.numPassedTests,
      failed: r.numFailedTests,
      skipped: r.numPendingTests,
      todo: r.numTodoTests,
      suites: r.numTotalTestSuites,
      failed_suites: r.numFailedTestSuites,
      seconds: Math.round((Date.now() - r.startTime) / 1000),
    };
    const text = Object.entries(fields).map(([k, v]) => `${k}=${v}`).join(' ');
    const line = `jest-summary: ${failed ? 'FAILED' : 'PASSED'} ${text}\n`;
    // At exit: after jest's own summary (its reporter runs after custom ones), the global teardown
    // and any late warning, so that this is really the last line.
    process.once('exit', () => process.stdout.write(line));
  }
}
module.exports = SummaryReporter;
