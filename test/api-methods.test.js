'use strict';
const assert = require('assert');
const { METHODS, METHOD_NAMES, methodAvailable, roleAllows, compareVersions } = require('../dist/api/methods');

describe('the method table', () => {
  it('holds all 20 methods of the reference, each under its own name', () => {
    assert.strictEqual(METHOD_NAMES.length, 20);
    for (const name of METHOD_NAMES) assert.strictEqual(METHODS[name].name, name);
  });
  it('gates by version: groups need 1.2, guard tour 1.1', () => {
    assert.strictEqual(methodAvailable('addGroup', '1.1'), false);
    assert.strictEqual(methodAvailable('addGroup', '1.2'), true);
    assert.strictEqual(methodAvailable('getTgtConfiguration', '1.0'), false);
    assert.strictEqual(methodAvailable('getTgtConfiguration', '1.1'), true);
    assert.strictEqual(compareVersions('1.10', '1.2'), 1);
  });
  it('keeps the security levels the reference lists (operator adds a group, only an administrator updates it)', () => {
    assert.strictEqual(METHODS.addGroup.level, 'operator');
    assert.strictEqual(METHODS.updateGroup.level, 'administrator');
    assert.strictEqual(roleAllows('operator', 'administrator'), false);
    assert.strictEqual(roleAllows('administrator', 'operator'), true);
  });
});
