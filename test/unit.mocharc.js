'use strict';
// npm run test:unit: the suites that need neither Node-RED nor a browser (the protocol
// facts, the client and the emulator over loopback HTTP, pictures, the repository rules).
// npm test runs these and all the others (.mocharc.js).
module.exports = {
  ...require('../.mocharc.js'),
  spec: ['test/api/**/*.test.js', 'test/client/**/*.test.js', 'test/emulator/**/*.test.js', 'test/imaging/**/*.test.js', 'test/*.test.js'],
};
