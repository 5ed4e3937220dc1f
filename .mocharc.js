'use strict';
// Tests run against the compiled output in dist/ (npm test builds first).
module.exports = {
  spec: ['test/**/*.test.js'],
  reporter: require.resolve('./test/support/summary-reporter.js'),
  timeout: 20000,
  exit: false,
};
