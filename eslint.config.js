'use strict';
// Lint rules (npm run lint): ESLint's and typescript-eslint's recommended sets for the
// TypeScript in src/ and the CommonJS JavaScript of tests, scripts and benchmarks.
// Layout is prettier's (.prettierrc.json): no rule here is about formatting.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const globals = require('globals');
const { defineConfig } = require('eslint/config');

// A leading underscore marks a name kept on purpose (a compile-time check, a field left out by a rest pattern).
const unused = { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true };
// What the browser code of the editor (and of the tests' page.evaluate callbacks) finds on the page.
const editorPage = { ...globals.browser, RED: 'readonly', $: 'readonly' };

module.exports = defineConfig([
  { ignores: ['dist/', 'nodes/', 'resources/', 'node_modules/', 'test-results/', 'thermal-alarms/', '.node-red/'] },
  js.configs.recommended,
  {
    rules: {
      // Errors are made anew on purpose, without the caught one: a raw axios or socket error carries
      // request headers (Authorization), so nothing of it may ride along as a cause.
      'preserve-caught-error': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', unused],
      // Node-RED calls node constructors with `this`; the node's own name for it is `node`.
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['node'] }],
      // Parameter types named after the method they serve (AddAreaParams extends AreaConfig).
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      // `any` stands where JSON from a camera is read field by field before it is checked; tsc's strict
      // mode and review keep it rare (issue 22 counted 2.4 per 1000 lines).
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { 'no-unused-vars': ['error', unused] },
  },
  {
    files: ['test/**/*.js'],
    languageOptions: { globals: { ...globals.mocha } },
  },
  {
    // Browser tests: callbacks given to page.evaluate run in the editor's page.
    files: ['test/e2e/**/*.js', 'test/nr5/browser.test.js'],
    languageOptions: { globals: editorPage },
  },
]);
