'use strict';
// Mocha's spec reporter, plus a summary file (test-results/summary.json) that
// .ci/run turns into the closing "N passed, N failed" line CI reads.
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
      fs.writeFileSync(path.join(out, 'summary.json'), JSON.stringify({
        passed: s.passes || 0, failed: s.failures || 0, skipped: s.pending || 0,
      }));
    });
  }
}
module.exports = SummaryReporter;
