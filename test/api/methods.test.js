'use strict';
const assert = require('node:assert/strict');
const { METHODS, METHOD_NAMES, methodAvailable, roleAllows, compareVersions } = require('../../dist/api/methods');

describe('the method table', () => {
  it('holds the 20 methods of the reference and the 4 of API 1.3, each under its own name', () => {
    assert.equal(METHOD_NAMES.length, 24);
    assert.deepEqual(
      METHOD_NAMES.filter((m) => METHODS[m].since === '1.3'),
      ['addOverlayChannel', 'removeOverlayChannel', 'listOverlayChannels', 'listSpotMeters'],
    );
    for (const name of METHOD_NAMES) assert.equal(METHODS[name].name, name);
  });
  it('gates by version: groups need 1.2, guard tour 1.1', () => {
    assert.equal(methodAvailable('addGroup', '1.1'), false);
    assert.equal(methodAvailable('addGroup', '1.2'), true);
    assert.equal(methodAvailable('getTgtConfiguration', '1.0'), false);
    assert.equal(methodAvailable('getTgtConfiguration', '1.1'), true);
    assert.equal(compareVersions('1.10', '1.2'), 1);
  });
  it('keeps the security levels the reference lists (operator adds a group, only an administrator updates it)', () => {
    assert.equal(METHODS.addGroup.level, 'operator');
    assert.equal(METHODS.updateGroup.level, 'administrator');
    assert.equal(roleAllows('operator', 'administrator'), false);
    assert.equal(roleAllows('administrator', 'operator'), true);
  });
});
