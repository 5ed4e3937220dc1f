'use strict';
// A fresh clone must pass its own tests with no folder beside it: nothing in
// test/, scripts/, bench/ or .ci/ may name a path outside the clone (once the
// validate test loaded a tool from a folder beside the clone, and failed anywhere else). The
// paths are read from the source as written: require() of a relative path,
// path.join/resolve from __dirname or from the project root with literal parts,
// and absolute paths into this machine's workspace.
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const FOLDERS = ['test', 'scripts', 'bench', '.ci'];

function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : filesUnder(p);
    return /\.(c?js|mjs|ts|sh|json)$|^run$/.test(e.name) ? [p] : [];
  });
}

const inside = (p) => p === root || p.startsWith(root + path.sep);
const literals = (args) => [...args.matchAll(/,\s*(['"])([^'"]*)\1/g)].map((m) => m[2]);

/** The paths outside the clone that `text` (the file at `file`) names, each with what named it. */
function escapes(file, text) {
  const found = [];
  const dir = path.dirname(file);
  for (const m of text.matchAll(/require(?:\.resolve)?\(\s*(['"])(\.{1,2}\/[^'"]*)\1/g)) {
    if (!inside(path.resolve(dir, m[2]))) found.push(m[0]);
  }
  for (const m of text.matchAll(/path\.(?:join|resolve)\(\s*(__dirname|root|ROOT)((?:\s*,\s*(['"])[^'"]*\3)+)/g)) {
    const base = m[1] === '__dirname' ? dir : root;
    if (!inside(path.resolve(base, ...literals(m[2])))) found.push(m[0]);
  }
  // Shell: relative paths leaving the folder the script cd's into (the clone).
  if (/\.sh$|\/run$/.test(file)) {
    for (const m of text.matchAll(/(?:^|[\s"'=(])((?:\.\.\/)+[\w.-]+)/gm)) {
      if (!/dirname "\$0"\)\/\.\.$/.test(text.slice(0, m.index + m[0].length))) found.push(m[1]);
    }
  }
  for (const m of text.matchAll(/['"`\s](\/work\/[^'"`\s]*)/g)) found.push(m[1]);
  return found;
}

describe('the clone is self-contained', function () {
  it('finds the ways a test could reach outside (the check itself)', function () {
    const file = path.join(root, 'test', 'e2e', 'x.test.js');
    for (const sample of [
      "const p = path.resolve(root, '..', 'beside', 'tools', 'x.js');",
      "require('../../../beside/tools/x')",
      "path.join(__dirname, '..', '..', '..', 'elsewhere')",
      "const s = '/work/beside/spec/README.md';",
    ])
      assert.ok(escapes(file, sample).length > 0, sample);
    assert.ok(escapes(path.join(root, '.ci', 'run'), 'cat ../elsewhere/x\n').length > 0, 'shell');
    // ...and lets the usual ones be.
    assert.deepEqual(escapes(file, "require('../../dist/emulator'); path.join(__dirname, '..', '..', 'examples')"), []);
    assert.deepEqual(escapes(path.join(root, '.ci', 'run'), 'cd "$(dirname "$0")/.."\n'), []);
  });

  it(`nothing in ${FOLDERS.join(', ')} names a path outside the clone`, function () {
    const files = FOLDERS.flatMap((f) => filesUnder(path.join(root, f)));
    assert.ok(files.length > 20, `scanned ${files.length} files`);
    const found = files
      .flatMap((f) => escapes(f, fs.readFileSync(f, 'utf8')).map((e) => `${path.relative(root, f)}: ${e}`))
      // This file's own samples above.
      .filter((e) => !e.startsWith(path.relative(root, __filename)));
    assert.deepEqual(found, []);
  });
});
