// The last two lines of every jest run, plain text for CI to read (grep '^jest-summary:' / '^tests:'):
//   jest-summary: PASSED tests=776 passed=776 failed=0 skipped=0 todo=0 suites=59 failed_suites=0 seconds=131
//   tests: 776 passed, 0 failed, 0 skipped
// (a file that cannot load counts as one failed test in the second line, so it never reads "0 failed").
// FAILED when a test or a whole file failed (a file that cannot even load has no tests to count).
/* global module, process */
class SummaryReporter {
  constructor(globalConfig) {
    this.workers = globalConfig.maxWorkers;
  }

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
    const text = Object.entries(fields)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    const failedCount = r.numFailedTests + r.numRuntimeErrorTestSuites + (r.wasInterrupted ? 1 : 0);
    // Where the time goes (issue 12): the slowest files of the run, one line, before the two summary lines.
    const slowest = r.testResults
      .map((t) => ({ file: t.testFilePath.replace(process.cwd() + '/', ''), s: (t.perfStats.end - t.perfStats.start) / 1000 }))
      .sort((a, b) => b.s - a.s)
      .slice(0, 15)
      .map((t) => `${t.file} ${t.s.toFixed(1)}s`)
      .join(', ');
    // How well the files kept the workers busy: the files' own time against wall time × workers.
    const fileSeconds = r.testResults.reduce((n, t) => n + (t.perfStats.end - t.perfStats.start) / 1000, 0);
    const busy = fields.seconds > 0 ? Math.round((100 * fileSeconds) / (fields.seconds * this.workers)) : 0;
    const line =
      (slowest ? `jest-slowest: ${slowest}\n` : '') +
      (slowest
        ? `jest-busy: ${Math.round(fileSeconds)} s of test files on ${this.workers} workers in ${fields.seconds} s (${busy} % busy)\n`
        : '') +
      `jest-summary: ${failed ? 'FAILED' : 'PASSED'} ${text}\n` +
      `tests: ${r.numPassedTests} passed, ${failedCount} failed, ${r.numPendingTests} skipped\n`;
    // At exit: after jest's own summary (its reporter runs after custom ones), the global teardown
    // and any late warning, so that this is really the last line.
    process.once('exit', () => process.stdout.write(line));
  }
}
module.exports = SummaryReporter;
