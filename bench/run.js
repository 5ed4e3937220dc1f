#!/usr/bin/env node
'use strict';
// npm run bench: runs every bench/<part>.js (each exports `async run()` giving
// [{ name, value }]) and prints one `name: value` line per figure, so runs can be
// compared line by line. Figures are ratios against baselines measured in the
// same run, except where an issue asks for an absolute figure (event latency).
const fs = require('fs');
const path = require('path');

async function main() {
  const only = process.argv.slice(2);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.js') && f !== 'run.js')
    .filter((f) => only.length === 0 || only.includes(path.basename(f, '.js')))
    .sort();
  let failed = false;
  for (const file of files) {
    const part = path.basename(file, '.js');
    try {
      const figures = await require(path.join(__dirname, file)).run();
      for (const { name, value } of figures) console.log(`${name}: ${value}`);
    } catch (err) {
      failed = true;
      console.error(`${part}: bench failed: ${err && err.message}`);
    }
  }
  process.exit(failed ? 1 : 0);
}
main();
