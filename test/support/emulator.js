'use strict';
// The emulator around a suite: started on a free port before it (or before
// each test), stopped after, also when a test failed half-way.
const path = require('node:path');

const { start } = require(path.join(__dirname, '..', '..', 'dist', 'emulator'));

/**
 * Registers the mocha hooks and returns the running emulator as a stand-in
 * that forwards to whichever one the hooks started (`emu.url`, `emu.camera`,
 * `emu.stop()`); using it outside the hooks' span is an error that says so.
 * `each`: a fresh emulator for every test.
 */
function useEmulator(options = {}, { each = false } = {}) {
  let running;
  (each ? beforeEach : before)(async () => {
    running = await start({ port: 0, ...options });
  });
  (each ? afterEach : after)(async () => {
    const stopping = running;
    running = undefined;
    if (stopping) await stopping.stop();
  });
  const current = () => {
    if (!running) throw new Error('no emulator running here: useEmulator() starts one only inside its suite');
    return running;
  };
  return new Proxy(
    {},
    {
      get(_target, name) {
        const value = current()[name];
        return typeof value === 'function' ? value.bind(running) : value;
      },
      set(_target, name, value) {
        current()[name] = value;
        return true;
      },
    },
  );
}

module.exports = { useEmulator };
