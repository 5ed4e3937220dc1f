'use strict';
// The one editor script the package serves (resources/thermometry-editor.js):
// every node's HTML loads it instead of carrying a copy, and its validators
// give the client's own verdicts (the same compiled rules, not a third copy).
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { validateParams } = require('../../dist/client');

const root = path.join(__dirname, '..', '..');
const pkg = require(path.join(root, 'package.json'));
const SCRIPT = path.join(root, 'resources', 'thermometry-editor.js');

/** The script run as the editor runs it, with no form open (validators read the node's saved values). */
function loadEditorScript() {
  const window = {};
  const closedForm = () => ({ length: 0, is: () => false });
  vm.runInNewContext(fs.readFileSync(SCRIPT, 'utf8'), { window, $: closedForm });
  return window.AxisThermometry;
}

describe('shared editor script', function () {
  it('is loaded by every node HTML from the package resources, with no inline copy', function () {
    const htmlFiles = fs.readdirSync(path.join(root, 'nodes')).filter((f) => f.endsWith('.html'));
    // One per node the package registers.
    assert.equal(htmlFiles.length, Object.keys(pkg['node-red'].nodes).length);
    for (const f of htmlFiles) {
      const html = fs.readFileSync(path.join(root, 'nodes', f), 'utf8');
      assert.ok(html.includes(`<script type="text/javascript" src="resources/${pkg.name}/thermometry-editor.js"></script>`), `${f} does not load the shared script`);
      assert.ok(!html.includes('segmentsCross') && !html.includes('window.AxisThermometry ='), `${f} still carries editor code`);
    }
    assert.ok(pkg.files.includes('resources/'), 'package.json files must ship resources/');
  });

  it('defines AxisThermometry once, however many node HTML files load it', function () {
    const window = {};
    const closedForm = () => ({ length: 0, is: () => false });
    const source = fs.readFileSync(SCRIPT, 'utf8');
    vm.runInNewContext(source, { window, $: closedForm });
    const first = window.AxisThermometry;
    vm.runInNewContext(source, { window, $: closedForm });
    assert.equal(window.AxisThermometry, first);
    assert.equal(typeof first.validator, 'function');
  });

  it('refuses a field with the message the client gives for the same value', function () {
    const A = loadEditorScript();
    const node = { type: 'thermometry-area', operation: 'addArea', detectionType: 'increase' };
    const cases = [
      ['threshold', '-5', { threshold: -5, detectionType: 'increase' }],
      ['vertices', '[[0,0],[1,1],[1,0],[0,1]]', { vertices: [[0, 0], [1, 1], [1, 0], [0, 1]] }],
      ['vertices', '[[0,0],[1,1],[0,0]]', { vertices: [[0, 0], [1, 1], [0, 0]] }],
      ['vertices', '[[0,0],[1,1]]', { vertices: [[0, 0], [1, 1]] }],
      ['delay', '2.5', { delay: 2.5 }],
    ];
    for (const [param, typed, given] of cases) {
      const verdict = A.validator(param).call(node, typed, {});
      let clientMessage;
      try {
        validateParams('addArea', { enabled: true, name: 'a', detectionType: 'increase', measurement: 'maximum', threshold: 5, delay: 0, vertices: [[0, 0], [1, 0], [0, 1]], ...given });
      } catch (err) {
        clientMessage = err.message;
      }
      assert.ok(clientMessage, `the client accepts ${param} ${typed}`);
      assert.equal(verdict, clientMessage.replace('addArea: ', ''), `${param} ${typed}`);
    }
  });

  it('accepts good values, leaves fields of other operations alone and names a missing required field', function () {
    const A = loadEditorScript();
    const node = { type: 'thermometry-area', operation: 'updateArea', detectionType: 'above' };
    assert.equal(A.validator('threshold').call(node, '-5', {}), true);
    assert.equal(A.validator('vertices').call(node, '[[-0.5,-0.5],[0.5,-0.5],[0,0.5]]', {}), true);
    assert.equal(A.validator('areas').call(node, 'nonsense', {}), true, 'areas belongs to removeAreas only');
    assert.equal(A.validator('id', 'areaId').call(node, '', {}), 'id: required');
    const levels = { type: 'thermometry-settings', operation: 'setIsothermLevels', low: '50', middle: '40', high: '90' };
    assert.match(String(A.validator('middle').call(levels, '40', {})), /must be above "low"/);
  });

  it('gives each node a property, with the table\'s check, for every parameter of its operations', function () {
    const { METHODS } = require('../../dist/api/methods');
    const { NODE_SPECS } = require('../../dist/nodes/shared/node-specs');
    const window = {};
    const registered = {};
    const context = vm.createContext({ window, $: () => ({ length: 0, is: () => false }), RED: { nodes: { registerType: (type, def) => { registered[type] = def; } } } });
    vm.runInContext(fs.readFileSync(SCRIPT, 'utf8'), context);
    context.AxisThermometry = window.AxisThermometry;
    for (const type of Object.keys(NODE_SPECS)) {
      const html = fs.readFileSync(path.join(root, 'nodes', `${type}.html`), 'utf8');
      for (const [, code] of html.matchAll(/<script type="text\/javascript">([\s\S]*?)<\/script>/g)) vm.runInContext(code, context);
      const defs = registered[type].defaults;
      for (const method of NODE_SPECS[type].operations.methods) {
        for (const p of METHODS[method].params) {
          const prop = (NODE_SPECS[type].fieldNames || {})[p.name] || p.name;
          assert.ok(defs[prop], `${type}: no property for ${method}.${p.name}`);
          if (p.type.kind !== 'boolean') assert.equal(typeof defs[prop].validate, 'function', `${type}.${prop} unchecked`);
        }
      }
      assert.ok(defs.camera && defs.operation && defs.name, `${type}: its own properties`);
    }
    assert.equal(registered['thermometry-area'].defaults.threshold.value, '60');
    assert.equal(registered['thermometry-area'].defaults.temperatureOverlay.value, true);
    assert.equal(registered['thermometry-group'].defaults.groupId.value, '1');
  });
});
