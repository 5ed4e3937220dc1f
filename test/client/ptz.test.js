'use strict';
// client.ptzPresets(): the PTZ API's preset list (ptz.cgi?query=presetposall)
// over real HTTP and Digest against the emulator: the PTZ profile's presets,
// none on a fixed camera (no ptz.cgi), and the line format both sides share.
const assert = require('node:assert/strict');
const { start } = require('../../dist/emulator');
const { ThermometryClient } = require('../../dist/client');
const { parsePresetList, formatPresetList } = require('../../dist/api/ptz');

describe('client PTZ presets (ptz.cgi) against the emulator', () => {
  const running = [];
  const clients = [];
  async function clientOf(profile, username = 'viewer', password = 'viewer') {
    const emulator = await start({ port: 0, profile });
    running.push(emulator);
    const c = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username, password });
    clients.push(c);
    return c;
  }
  after(async () => {
    clients.forEach((c) => c.close());
    await Promise.all(running.map((e) => e.stop()));
  });

  it("lists the PTZ profile's presets in number order, for a viewer", async () => {
    const presets = await (await clientOf('ptz')).ptzPresets();
    assert.deepEqual(
      presets.map((p) => p.nbr),
      [1, 2, 3, 4],
    );
    assert.equal(presets[0].name, 'Home');
  });

  it('gives no presets for a fixed camera (it has no ptz.cgi)', async () => {
    assert.deepEqual(await (await clientOf('fixed')).ptzPresets(), []);
  });

  it('fails as an authentication error for a wrong password', async () => {
    const c = await clientOf('ptz', 'root', 'not-the-password');
    await assert.rejects(c.ptzPresets(), (err) => err.kind === 'authentication' && err.method === 'ptzPresets');
  });

  it('reads a device\'s answer: the header line "Preset Positions for camera 1" first, \\n or \\r\\n line ends', () => {
    // As recorded device answers in the Python library axis are written.
    assert.deepEqual(parsePresetList('Preset Positions for camera 1\npresetposno1=Home'), [{ nbr: 1, name: 'Home' }]);
    assert.deepEqual(parsePresetList('Preset Positions for camera 1\r\npresetposno1=Home\r\npresetposno12=Dock 12\r\n'), [
      { nbr: 1, name: 'Home' },
      { nbr: 12, name: 'Dock 12' },
    ]);
    assert.match(formatPresetList([{ nbr: 1, name: 'Home' }]), /^Preset Positions for camera 1\r\npresetposno1=Home\r\n$/);
  });

  it('reads the lines it writes, skipping lines of another form', () => {
    const presets = [
      { nbr: 3, name: 'Gate B' },
      { nbr: 1, name: 'Home' },
    ];
    assert.deepEqual(parsePresetList(formatPresetList(presets)), [
      { nbr: 1, name: 'Home' },
      { nbr: 3, name: 'Gate B' },
    ]);
    assert.deepEqual(parsePresetList('Error: no\npresetposno2=Two\r\n'), [{ nbr: 2, name: 'Two' }]);
  });
});
