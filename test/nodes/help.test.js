'use strict';
// The help and the editor forms are built from the method table (one description
// per method): every operation of every node is documented with the table's own
// words and every parameter has its form field.
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { METHODS } = require('../../dist/api/methods');
const { NODE_SPECS } = require('../../dist/nodes/shared/node-specs');

const nodesDir = path.join(__dirname, '..', '..', 'nodes');
const escape = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

describe('help and forms from the method table', function () {
  for (const [type, spec] of Object.entries(NODE_SPECS)) {
    it(`${type}: help in Node-RED's sections, each operation described from the table, a form field per parameter`, () => {
      const help = fs.readFileSync(path.join(nodesDir, 'locales', 'en-US', `${type}.html`), 'utf8');
      for (const h of ['Inputs', 'Outputs', 'Details', 'References']) assert.ok(help.includes(`<h3>${h}</h3>`), `${type}: ${h}`);
      assert.ok(help.includes('<dl class="message-properties">'));
      assert.ok(!/<!--@/.test(help), 'no placeholder left');
      const editor = fs.readFileSync(path.join(nodesDir, `${type}.html`), 'utf8');
      const labels = JSON.parse(fs.readFileSync(path.join(nodesDir, 'locales', 'en-US', `${type}.json`), 'utf8'));
      // msg.operation as the runtime takes it: every method name and short alias is in the Inputs list.
      const inputs = help.slice(help.indexOf('<h3>Inputs</h3>'), help.indexOf('<h3>Outputs</h3>'));
      for (const name of [...spec.operations.methods, ...Object.keys(spec.operations.aliases)]) {
        assert.ok(inputs.includes(`<code>${name}</code>`), `${type}: msg.operation ${name} in the help's Inputs`);
      }
      for (const method of spec.operations.methods) {
        assert.ok(help.includes(escape(METHODS[method].description)), `${type}: ${method} described`);
        assert.ok(editor.includes(`<option value="${method}"`), `${type}: ${method} in the operation list`);
        assert.ok(labels.thermometry.operation[method], `${type}: ${method} has a label`);
        for (const p of METHODS[method].params) {
          const prop = (spec.fieldNames || {})[p.name] || p.name;
          assert.ok(editor.includes(`id="node-input-${prop}"`), `${type}: field for ${method}.${p.name}`);
          assert.ok(help.includes(`${p.name} <span class="property-type">`) || METHODS[method].params.length === 0, `${type}: ${method}.${p.name} in the help`);
          // Its property in the node's defaults comes from the table (AxisThermometry.defaults): editor-script.test.js evaluates it.
        }
      }
    });
  }
});

describe('help of the nodes that are no operation of the table', function () {
  it('thermometry-setup: in Node-RED\'s sections, each msg property the runtime reads, each operation name it takes', () => {
    const { SETUP_OPERATIONS } = require('../../dist/nodes/thermometry-setup/settings');
    const help = fs.readFileSync(path.join(nodesDir, 'locales', 'en-US', 'thermometry-setup.html'), 'utf8');
    for (const h of ['Inputs', 'Outputs', 'Details', 'References']) assert.ok(help.includes(`<h3>${h}</h3>`), h);
    const inputs = help.slice(help.indexOf('<h3>Inputs</h3>'), help.indexOf('<h3>Outputs</h3>'));
    for (const p of ['operation', 'payload', 'dryRun', 'removeMissing', 'camera']) assert.ok(inputs.includes(`<dt${p === 'payload' ? '' : ' class="optional"'}>${p} <span class="property-type">`), `msg.${p}`);
    for (const name of Object.values(SETUP_OPERATIONS).flat()) assert.ok(inputs.includes(`<code>${name}</code>`), `msg.operation ${name}`);
    const outputs = help.slice(help.indexOf('<h3>Outputs</h3>'), help.indexOf('<h3>Details</h3>'));
    for (const field of ['changes', 'applied', 'notApplied', 'mayHaveApplied', 'dryRun']) assert.ok(outputs.includes(`<code>${field}</code>`), `report ${field}`);
  });
});
