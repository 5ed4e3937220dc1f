'use strict';
// The Node-RED 5.0 / Node 22 suite alone: npm run test:nr5 (npm test runs it with the rest).
module.exports = { ...require('../../.mocharc.js'), spec: ['test/nr5/*.test.js'] };
