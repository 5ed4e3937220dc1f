'use strict';
// The emulator's general VAPIX answers as Axis devices give them (issue 20),
// on the raw HTTP text: identity, API discovery, param.cgi, ptz.cgi, image.cgi.
const assert = require('node:assert/strict');
const { start } = require('../../dist/emulator');
const { DigestSession, rawRequest, challengesOf } = require('./support');

const JSON_HEADERS = { 'Content-Type': 'application/json' };

describe('emulator: identity as one camera', () => {
  for (const profile of ['fixed', 'ptz']) {
    it(`${profile}: the serial of basicdeviceinfo.cgi is the one in the Digest realm (AXIS_<serial>)`, async () => {
      const emu = await start({ port: 0, profile });
      try {
        const challenge = challengesOf(await rawRequest(emu.url, { body: '{}', headers: JSON_HEADERS }))[0];
        const serial = /^AXIS_([0-9A-F]{12})$/.exec(challenge.params.realm)[1];
        const info = await new DigestSession(emu.url, 'viewer', 'viewer').request({
          path: '/axis-cgi/basicdeviceinfo.cgi', body: { apiVersion: '1.1', method: 'getAllProperties' }, headers: JSON_HEADERS,
        });
        assert.match(info.text, new RegExp(`"SerialNumber":"${serial}"`));
        assert.equal(emu.camera.profile.serial, serial);
      } finally {
        await emu.stop();
      }
    });
  }

  it('API discovery lists itself and basic-device-info besides thermometry', async () => {
    const emu = await start({ port: 0 });
    try {
      const res = await new DigestSession(emu.url, 'viewer', 'viewer').request({
        path: '/axis-cgi/apidiscovery.cgi', body: { apiVersion: '1.0', method: 'getApiList' }, headers: JSON_HEADERS,
      });
      assert.match(res.text, /\{"id":"api-discovery","version":"1\.0","name":"API Discovery Service","docLink":"https:\/\/[^"]+"\}/);
      const ids = res.json.data.apiList.map((a) => a.id);
      for (const id of ['api-discovery', 'thermometry', 'basic-device-info']) assert.ok(ids.includes(id), ids.join());
    } finally {
      await emu.stop();
    }
  });
});
