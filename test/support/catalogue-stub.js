'use strict';
// Preloaded (node --require) into `node-red-dev validate` by test/e2e/validate.test.js.
// validate asks the public Node-RED catalogue twice: P08 (is a similar package
// name published?) and N01 (does a published package use our node types?).
// Tests run offline, so an axios interceptor on node-red-dev's own axios answers
// those two requests with a small catalogue of real-looking modules, and records
// each answered URL in $THERMO_CATALOGUE_LOG so the test can see both look-ups
// happened. Every other request (the npm registry) goes out as usual.
const fs = require('fs');
const path = require('path');

const CATALOGUE_URL = /^https:\/\/catalogue\.nodered\.org\//;
// Modules whose names and types are unlike ours: the checks read them and find no clash.
const CATALOGUE = {
  name: 'Node-RED catalogue (test stub)',
  updated_at: '2026-01-01T00:00:00.000Z',
  modules: [
    { id: 'node-red-node-serialport', version: '2.0.3', types: ['serial in', 'serial out', 'serial request', 'serial-port'] },
    { id: 'node-red-contrib-modbus', version: '5.43.0', types: ['modbus-read', 'modbus-write', 'modbus-client'] },
    { id: '@flowfuse/node-red-dashboard', version: '1.26.0', types: ['ui-base', 'ui-page', 'ui-chart', 'ui-gauge'] },
  ],
};

const devDir = path.dirname(require.resolve('node-red-dev/package.json'));
const axios = require(require.resolve('axios', { paths: [devDir] }));

axios.interceptors.request.use((config) => {
  if (!CATALOGUE_URL.test(config.url || '')) return config;
  if (process.env.THERMO_CATALOGUE_LOG) fs.appendFileSync(process.env.THERMO_CATALOGUE_LOG, `${config.url}\n`);
  // An adapter of the request's own: the answer comes from here, no socket is opened.
  return { ...config, adapter: async () => ({ data: CATALOGUE, status: 200, statusText: 'OK', headers: {}, config, request: {} }) };
});
