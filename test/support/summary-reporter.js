'use strict';
// Mocha's spec reporter, plus a closing line "N passed, N failed, N skipped"
// (skipped: pending tests, such as the browser tests without Chromium) and a
// summary file (test-results/summary.json) that .ci/run adds up.
const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats || {};
      const out = path.join(__dirname, '..', '..', 'test-results');
      fs.mkdirSync(out, { recursive: true });
      fs.writeFileSync(
        path.join(out, 'summary.json'),
        JSON.stringify({
          passed: s.passes || 0,
          failed: s.failures || 0,
          skipped: s.pending || 0,
        }),
      );
      // After the spec reporter's epilogue (its listener was registered first).
      console.log(`${s.passes || 0} passed, ${s.failures || 0} failed, ${s.pending || 0} skipped`);
    });
  }
}
module.exports = SummaryReporter;
