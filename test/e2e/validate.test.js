'use strict';
// node-red-dev validate, as the Node-RED catalogue would run it, with its two
// catalogue look-ups (P08, N01) answered by the project's own stub
// (test/support/catalogue-stub.js; tests run offline). validate exits 0 even
// when checks fail: the scorecard is what is read, and the checks it ran are
// listed in the test output.
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { CONFIG_NODES } = require('./support');

const root = path.join(__dirname, '..', '..');
const preload = path.join(root, 'test', 'support', 'catalogue-stub.js');
// The checks of node-red-dev 0.1.x: package (P), nodes (N), dependencies (D).
const CHECKS = ['P01', 'P03', 'P04', 'P05', 'P06', 'P07', 'P08', 'N01', 'N02', 'D01', 'D02', 'D03'];

describe('node-red-dev validate', function () {
  this.timeout(300000);
  let scorecard;
  let output;
  let lookups;

  before(function () {
    assert.ok(fs.existsSync(path.join(root, 'nodes', 'thermometry-area.html')), 'nodes/ not assembled: run npm run build first');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nrdev-'));
    const file = path.join(dir, 'scorecard.json');
    const log = path.join(dir, 'catalogue-lookups.txt');
    const bin = require.resolve('node-red-dev/bin/run');
    const res = spawnSync(process.execPath, [bin, 'validate', '-o', file], {
      cwd: root,
      env: { ...process.env, THERMO_CATALOGUE_LOG: log, NODE_OPTIONS: `${process.env.NODE_OPTIONS || ''} --require ${preload}`.trim() },
      encoding: 'utf8',
      timeout: 280000,
    });
    output = `${res.stdout}\n${res.stderr}`;
    assert.ok(fs.existsSync(file), `validate wrote no scorecard:\n${output}`);
    scorecard = JSON.parse(fs.readFileSync(file, 'utf8'));
    lookups = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`runs the checks ${CHECKS.join(' ')} and passes every one`, function () {
    const checks = Object.entries(scorecard).filter(([key]) => /^[A-Z]\d\d$/.test(key));
    // Said in the test output, so a reader sees what was checked, not only that something passed.
    for (const [key, v] of checks) console.log(`      ${key} ${v && v.test === true ? 'pass' : 'FAIL'}`);
    assert.deepEqual(checks.map(([k]) => k).sort(), [...CHECKS].sort(), `the checks validate ran:\n${output}`);
    const failed = checks.filter(([, v]) => !v || v.test !== true).map(([k, v]) => `${k} ${JSON.stringify(v)}`);
    assert.deepEqual(failed, [], `failing checks:\n${failed.join('\n')}\n${output}`);
  });

  it('asked the (stubbed) catalogue both of its questions, P08 and N01', function () {
    assert.deepEqual(lookups, ['https://catalogue.nodered.org/catalogue.json', 'https://catalogue.nodered.org/catalogue.json'], output);
  });

  it('found an example for every node of the package', function () {
    const pkg = require(path.join(root, 'package.json'));
    const types = Object.keys(pkg['node-red'].nodes).filter((t) => !CONFIG_NODES.includes(t));
    assert.deepEqual([...scorecard.N02.nodes].sort(), types.sort());
  });
});
