'use strict';
// Each node's own settings have one rule, in one module (src/nodes/<node>/settings.ts) that the runtime
// reads them with and the editor checks them with: here the form's validators, as the built HTML defines
// them, agree with the runtime's reading of the same text.
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const root = path.join(__dirname, '..', '..');
const status = require('../../dist/nodes/thermometry-status/settings');
const event = require('../../dist/nodes/thermometry-event/settings');
const { snapshotRequest } = require('../../dist/nodes/thermometry-snapshot/options');
const { cameraOptions } = require('../../dist/nodes/shared/camera-options');
const setup = require('../../dist/nodes/thermometry-setup/settings');

/** The `defaults` a node's built HTML registers, run as the editor runs it with no form open. */
function editorDefaults(type) {
  const window = {};
  const registered = {};
  const context = vm.createContext({ window, $: () => ({ length: 0, is: () => false }), RED: { nodes: { registerType: (t, def) => { registered[t] = def; } } } });
  vm.runInContext(fs.readFileSync(path.join(root, 'resources', 'thermometry-editor.js'), 'utf8'), context);
  const html = fs.readFileSync(path.join(root, 'nodes', `${type}.html`), 'utf8');
  for (const [, code] of html.matchAll(/<script type="text\/javascript">([\s\S]*?)<\/script>/g)) vm.runInContext(code, context);
  assert.ok(registered[type], `${type} registered`);
  return registered[type].defaults;
}

/** The editor's verdict on `value` for property `prop`: true or the reason. */
function verdict(defaults, prop, value) {
  return defaults[prop].validate.call({}, value, {});
}

describe('node settings: one rule for the runtime and the editor', function () {
  it('setup: the operations the form offers are those the runtime reads, and its tick boxes start off', function () {
    const defs = editorDefaults('thermometry-setup');
    const html = fs.readFileSync(path.join(root, 'nodes', 'thermometry-setup.html'), 'utf8');
    const offered = [...html.matchAll(/<option value="(\w+)"/g)].map((m) => m[1]);
    assert.deepEqual(offered, Object.keys(setup.SETUP_OPERATIONS));
    for (const op of offered) {
      assert.equal(verdict(defs, 'operation', op), true);
      assert.equal(setup.setupRequest({ operation: op }, {}).operation, op);
    }
    assert.equal(verdict(defs, 'operation', 'backup'), 'operation: read or apply');
    assert.throws(() => setup.setupRequest({ operation: 'backup' }, {}), /operation must be one of read, readSetup, apply, applySetup \(got "backup"\)/);
    assert.deepEqual([defs.operation.value, defs.dryRun.value, defs.removeMissing.value], ['read', false, false]);
    assert.deepEqual(setup.setupRequest({ operation: 'apply', dryRun: true }, { removeMissing: 'true' }), { operation: 'apply', dryRun: true, removeMissing: true });
    assert.deepEqual(setup.setupRequest({ operation: 'apply', dryRun: true }, { dryRun: false }), { operation: 'apply', dryRun: false, removeMissing: false });
  });

  it('status: the interval and step the form accepts are the ones the runtime reads as given', function () {
    const defs = editorDefaults('thermometry-status');
    for (const v of ['', '0', '0.5', '2', '86400']) assert.equal(verdict(defs, 'interval', v), true, `interval ${v}`);
    for (const v of ['0.2', '-1', '86401', 'soon']) {
      assert.equal(verdict(defs, 'interval', v), status.intervalProblem(v), `interval ${v}`);
      assert.match(String(verdict(defs, 'interval', v)), /^interval: 0 \(only on input\) or 0\.5 to 86400 seconds$/);
    }
    // What the form refuses, a flow file may still hold: the runtime bounds it.
    assert.equal(status.intervalSeconds('90000'), status.MAX_INTERVAL_S);
    assert.equal(status.pollDelayMs(status.intervalSeconds('0.2')), status.MIN_INTERVAL_S * 1000);
    assert.equal(verdict(defs, 'step', '1.5'), true);
    assert.equal(status.changeStep('1.5'), 1.5);
    assert.equal(verdict(defs, 'step', '-1'), 'step: degrees, 0 or more');
    assert.equal(verdict(defs, 'step', 'x'), status.stepProblem('x'));
  });

  it('event: an id list the form accepts is one the runtime reads, and the poll interval has one range', function () {
    const defs = editorDefaults('thermometry-event');
    for (const [text, ok] of [['', true], ['0, 2', true], ['0;2 3', true], ['0,,2', true], ['x', false], ['-1', false], ['1.5', false]]) {
      let reads = true;
      try {
        event.parseIds(text, 'area ids');
      } catch {
        reads = false;
      }
      assert.equal(reads, ok, `runtime reads "${text}"`);
      assert.equal(verdict(defs, 'areaIds', text), ok ? true : 'area ids: a list such as 0, 2', `form, "${text}"`);
    }
    assert.equal(verdict(defs, 'groupIds', 'x'), 'group ids: a list such as 1, 3');
    assert.equal(defs.pollInterval.value, String(event.DEFAULT_POLL_S));
    assert.equal(verdict(defs, 'pollInterval', '0.5'), true);
    assert.equal(verdict(defs, 'pollInterval', '3601'), 'poll interval: 0.5 to 3600 seconds');
    assert.equal(event.pollIntervalMs('3601'), 3600 * 1000);
    assert.equal(event.pollIntervalMs('0.1'), event.DEFAULT_POLL_S * 1000);
    // The checkboxes start as the runtime's defaults for a setting left out.
    for (const [name, prop] of Object.entries(event.EVENT_SETTINGS)) assert.equal(defs[prop].value, event.EVENT_DEFAULTS[name], prop);
  });

  it('snapshot: the form refuses exactly the picture options the runtime refuses', function () {
    const defs = editorDefaults('thermometry-snapshot');
    const cases = {
      resolution: ['640x480', ' 320x240 ', '0x0', '640', 'big'],
      compression: ['0', '100', '101', '5.5', 'x'],
      channel: ['1', '99', '0', '100', 'x'],
    };
    for (const [prop, values] of Object.entries(cases)) {
      for (const v of values) {
        let runtime = true;
        try {
          snapshotRequest({ [prop]: v }, {});
        } catch {
          runtime = false;
        }
        const form = verdict(defs, prop, v);
        assert.equal(form === true, runtime, `${prop} "${v}": form ${form}, runtime ${runtime ? 'reads it' : 'refuses it'}`);
      }
      assert.equal(verdict(defs, prop, ''), true, `${prop} empty: the camera's default`);
    }
  });

  it('camera: the form refuses exactly the host, port and timeout the runtime refuses, in the same words', function () {
    const defs = editorDefaults('thermometry-camera');
    const base = { host: '127.0.0.1' };
    const cases = {
      host: ['camera.local', '192.0.2.7', 'fe80::1', '[fe80::1]', 'http://cam', 'cam/x', 'cam 1', 'cam:8080', ''],
      port: ['', '80', '65535', '0', '65536', '0x50', '8.5', 'x'],
      timeout: ['', '0.5', '600', '0', '601', 'soon'],
    };
    for (const [prop, values] of Object.entries(cases)) {
      for (const v of values) {
        let runtime = true;
        try {
          cameraOptions({ ...base, [prop]: v }, {});
        } catch (err) {
          runtime = err.message;
        }
        const form = verdict(defs, prop, v);
        assert.equal(form, runtime, `${prop} "${v}"`);
      }
    }
  });
});
