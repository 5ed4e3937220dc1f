'use strict';
// What a camera tells about itself and the user asking (basicdeviceinfo.cgi,
// usergroup.cgi), read by the client from the emulator over real HTTP + Digest.
const assert = require('node:assert/strict');
const { start } = require('../../dist/emulator');
const { ThermometryClient, ThermometryError, readDeviceInfo, readUserLevel, levelFromGroups } = require('../../dist/client');

describe('client: device info and user level', function () {
  let emulator;
  const clients = [];
  const client = (username, password) => {
    const c = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username, password });
    clients.push(c);
    return c;
  };
  before(async () => {
    emulator = await start({ port: 0 });
  });
  after(async () => {
    for (const c of clients) c.close();
    await emulator.stop();
  });

  it('reads the model and firmware (basicdeviceinfo.cgi getAllProperties)', async () => {
    const info = await readDeviceInfo(client('root', 'pass'));
    assert.equal(info.model, 'AXIS Q2101-TE Thermal Camera (emulator)');
    assert.equal(info.productNumber, 'Q2101-TE');
    assert.match(info.firmware, /^\d+\.\d+\.\d+$/);
  });

  it("names each user's level (usergroup.cgi)", async () => {
    assert.equal(await readUserLevel(client('root', 'pass')), 'administrator');
    assert.equal(await readUserLevel(client('operator', 'operator')), 'operator');
    assert.equal(await readUserLevel(client('viewer', 'viewer')), 'viewer');
  });

  it('a wrong password throws the authentication error; a camera without the CGIs gives undefined', async () => {
    await assert.rejects(readUserLevel(client('root', 'nope')), (err) => err instanceof ThermometryError && err.kind === 'authentication');
    await assert.rejects(readDeviceInfo(client('root', 'nope')), (err) => err instanceof ThermometryError && err.kind === 'authentication');
    const old = { request: async () => ({ status: 404, data: 'Not Found' }) };
    assert.equal(await readUserLevel(old), undefined);
    assert.equal(await readDeviceInfo(old), undefined);
  });

  it('reads the groups line as Axis writes it', () => {
    assert.equal(levelFromGroups('root\nadmin operator viewer ptz\n'), 'administrator');
    assert.equal(levelFromGroups('op\noperator viewer\n'), 'operator');
    assert.equal(levelFromGroups('guest\nviewer\n'), 'viewer');
    assert.equal(levelFromGroups('odd\n'), undefined);
  });
});
