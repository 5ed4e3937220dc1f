'use strict';
// The README's method table is generated from the method table; it must not drift.
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { withMethodsTable, methodsMarkdown } = require('../../dist/api/docs');
const { METHOD_NAMES, METHODS } = require('../../dist/api/methods');

describe('README method table', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  it('is the one generated from src/api/methods.ts (run npm run docs after changing the table)', () => {
    assert.equal(readme, withMethodsTable(readme));
  });
  it('names every method with its version and security level', () => {
    const table = methodsMarkdown();
    for (const name of METHOD_NAMES) {
      assert.ok(table.includes(`| \`${name}\` | ${METHODS[name].since} | ${METHODS[name].level} |`), name);
    }
  });
});
