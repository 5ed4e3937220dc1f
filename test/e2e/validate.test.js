'use strict';
// node-red-dev validate, as the Node-RED catalogue would run it, with its two
// catalogue look-ups (P08, N01) answered locally by the project's preload
// (../shared/tools beside the clone; the catalogue is unreachable from here).
// validate exits 0 even when checks fail: the scorecard is what is read.
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.join(__dirname, '..', '..');
const preload = path.resolve(root, '..', 'shared', 'tools', 'nrdev-offline-catalogue.js');

describe('node-red-dev validate', function () {
  this.timeout(300000);
  let scorecard;
  let output;

  before(function () {
    assert.ok(fs.existsSync(preload), `the catalogue preload is missing: ${preload}`);
    assert.ok(fs.existsSync(path.join(root, 'nodes', 'thermometry-area.html')), 'nodes/ not assembled: run npm run build first');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nrdev-'));
    const file = path.join(dir, 'scorecard.json');
    const bin = require.resolve('node-red-dev/bin/run');
    const res = spawnSync(process.execPath, [bin, 'validate', '-o', file], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS || ''} --require ${preload}`.trim() },
      encoding: 'utf8',
      timeout: 280000,
    });
    output = `${res.stdout}\n${res.stderr}`;
    assert.ok(fs.existsSync(file), `validate wrote no scorecard:\n${output}`);
    scorecard = JSON.parse(fs.readFileSync(file, 'utf8'));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('passes every check of the scorecard', function () {
    const checks = Object.entries(scorecard).filter(([key]) => /^[A-Z]\d\d$/.test(key));
    assert.ok(checks.length >= 12, `expected the package, node and dependency checks, got ${checks.map(([k]) => k).join(', ')}\n${output}`);
    const failed = checks.filter(([, v]) => !v || v.test !== true).map(([k, v]) => `${k} ${JSON.stringify(v)}`);
    assert.deepStrictEqual(failed, [], `failing checks:\n${failed.join('\n')}\n${output}`);
  });

  it('found an example for every node of the package', function () {
    const pkg = require(path.join(root, 'package.json'));
    const types = Object.keys(pkg['node-red'].nodes).filter((t) => t !== 'thermometry-camera');
    assert.deepStrictEqual([...scorecard.N02.nodes].sort(), types.sort());
  });
});
