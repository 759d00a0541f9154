// Runs the longest test files first (issue 12: where the time of `npm test` goes). Jest's own order is
// "failed first, then by the durations it cached on an earlier run, else by file size"; on a fresh clone
// there is no cache, and the file size says little: the demo-history file is small but loads a year of
// history (minutes on the embedded database). Started late, it ran alone on one worker at the end of
// the run while the other worker sat idle. Longest first keeps both workers busy to the end.
//
// The weights below are seconds measured on the embedded database (the `jest-slowest:` line every run
// prints); they only order the files, they never decide whether a test passes. A file not listed keeps
// jest's order after the listed ones. Refresh the list when that line changes a lot.
/* global module, require */
/* eslint-disable @typescript-eslint/no-require-imports -- jest loads this file as CommonJS, untranspiled */
const Sequencer = require('@jest/test-sequencer').default;
const { relative } = require('node:path');

const SECONDS = {
  'test/demo-history.e2e-spec.ts': 150,
  'test/browser/daily-tasks.browser-spec.ts': 45,
  'test/access-matrix.e2e-spec.ts': 30,
  'test/browser/planner-scale.browser-spec.ts': 28,
  'test/audit-prison.e2e-spec.ts': 24,
  'test/admin-create.e2e-spec.ts': 24,
  'test/browser/planner-drafts.browser-spec.ts': 22,
  'test/browser/language.browser-spec.ts': 21,
  'test/browser/unlock.browser-spec.ts': 19,
  'test/bad-input.e2e-spec.ts': 15,
  'test/browser/org-admin.browser-spec.ts': 13,
  'test/browser/path-to-target.browser-spec.ts': 12,
  'test/plan-draft-undo-scale.e2e-spec.ts': 10,
  'test/browser/planner.browser-spec.ts': 10,
  'seeds/demo/generate-demo-plan.spec.ts': 9,
};

class LongestFirstSequencer extends Sequencer {
  async sort(tests) {
    const jestOrder = await super.sort(tests);
    const weight = (test) => SECONDS[relative(test.context.config.rootDir, test.path).split('\\').join('/')] ?? 0;
    // Array.prototype.sort is stable: unlisted files (weight 0) keep jest's order among themselves.
    return [...jestOrder].sort((a, b) => weight(b) - weight(a));
  }
}

module.exports = LongestFirstSequencer;
