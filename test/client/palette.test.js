'use strict';
// The camera's palette through param.cgi (Image.I0.Appearance.Palette), against
// the emulator's scene over real HTTP with Digest: read it with the list the
// camera offers, change it (an operator may, a viewer may not), a name the
// camera lacks refused with the list, and the picture coloured by it.
const assert = require('node:assert/strict');
const { start, createScene, addSceneRoutes } = require('../../dist/emulator');
const { ThermometryClient, readPalette, writePalette } = require('../../dist/client');

describe('client: palette (param.cgi Image.I0.Appearance.Palette)', function () {
  let emulator;
  let scene;
  const clients = [];
  const client = (username, password) => {
    const c = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username, password });
    clients.push(c);
    return c;
  };
  before(async () => {
    scene = createScene({ clock: 'stepped', palette: 'Iron' });
    emulator = await start({ port: 0, sensor: scene });
    addSceneRoutes(emulator, scene);
  });
  after(async () => {
    for (const c of clients) c.close();
    await emulator.stop();
  });

  it('reads the palette in use and those the camera offers', async () => {
    const info = await readPalette(client('viewer', 'viewer'));
    assert.equal(info.palette, 'Iron');
    assert.equal(info.isothermal, false);
    for (const name of ['Iron', 'Rainbow', 'White-hot']) assert.ok(info.palettes.includes(name), `${name} offered: ${info.palettes}`);
    assert.ok(
      info.palettes.some((p) => /^Iso/.test(p)),
      'isothermal palettes offered',
    );
  });

  it("an operator changes it, and the camera's picture changes colour; a viewer is refused", async () => {
    const before = (await client('root', 'pass').snapshot()).image;
    const iso = (await readPalette(client('root', 'pass'))).palettes.find((p) => /^Iso/.test(p));
    const after = await writePalette(client('operator', 'operator'), iso);
    assert.equal(after.palette, iso);
    assert.equal(after.isothermal, true);
    assert.equal(scene.palette, iso);
    assert.notDeepEqual((await client('root', 'pass').snapshot()).image, before, 'the picture is coloured otherwise');
    await assert.rejects(writePalette(client('viewer', 'viewer'), 'Iron'), (err) => err.kind === 'authorization' || /403/.test(err.message));
    await writePalette(client('root', 'pass'), 'Iron');
  });

  it('refuses a name the camera lacks with the list it offers, and a malformed one before sending', async () => {
    await assert.rejects(writePalette(client('root', 'pass'), 'Plaid'), /setPalette: the camera refused palette "Plaid"; the camera offers .*Iron.*Rainbow/);
    const calls = emulator.stats.exchanges;
    await assert.rejects(writePalette(client('root', 'pass'), 'Iron&action=list'), /"palette" must be a palette name/);
    assert.equal(emulator.stats.exchanges, calls, 'nothing sent');
    assert.equal(scene.palette, 'Iron');
  });
});
