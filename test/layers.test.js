'use strict';
// The direction of imports is the architecture: api <- client <- nodes, api <- emulator,
// and api <- imaging (pictures) <- emulator, nodes.
// The client and the emulator are peers over src/api (each tested against the other
// over HTTP), so neither may import the other; src/api imports nothing of ours; the
// nodes reach the camera only through the client. Read from src/ (type-only imports
// vanish from dist/, and they couple the parts as much as the others do).
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const SRC = path.join(__dirname, '..', 'src');

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|js)$/.test(entry.name) ? [full] : [];
  });
}

/** Relative specifiers of import, export ... from, import() and require() in a file's text. */
function specifiers(text) {
  const found = [];
  const patterns = [
    /\b(?:import|export)\s[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.push(m[1]);
  return found.filter((s) => s.startsWith('.'));
}

/** Which part of src/ a path is in: 'api', 'client', 'emulator', 'nodes' or 'index'. */
function partOf(file) {
  const rel = path.relative(SRC, file).split(path.sep);
  // src/index.ts, but src/client (a folder's index) is the client.
  return rel.length === 1 && /^index(\.[jt]s)?$/.test(rel[0]) ? 'index' : rel[0];
}

/** Every edge between two parts: { from: part, to: part, file, specifier }. */
function crossings() {
  const edges = [];
  for (const file of sourceFiles(SRC)) {
    for (const spec of specifiers(fs.readFileSync(file, 'utf8'))) {
      const target = path.resolve(path.dirname(file), spec);
      const from = partOf(file);
      const to = partOf(target);
      if (from !== to) edges.push({ from, to, file: path.relative(SRC, file), specifier: spec });
    }
  }
  return edges;
}

const ALLOWED = {
  api: [],
  client: ['api'],
  emulator: ['api', 'imaging'],
  imaging: ['api'],
  nodes: ['api', 'client', 'imaging'],
  index: ['client', 'emulator'],
};

describe('import layers of src/', () => {
  const edges = crossings();

  it('finds the imports it checks (the reader is not blind)', () => {
    assert.ok(
      edges.some((e) => e.from === 'client' && e.to === 'api'),
      'client -> api',
    );
    assert.ok(
      edges.some((e) => e.from === 'emulator' && e.to === 'api'),
      'emulator -> api',
    );
    assert.ok(
      edges.some((e) => e.from === 'nodes' && e.to === 'client'),
      'nodes -> client',
    );
  });

  for (const [part, allowed] of Object.entries(ALLOWED)) {
    it(`${part} imports only ${allowed.length ? allowed.join(', ') : 'itself'}`, () => {
      const wrong = edges.filter((e) => e.from === part && !allowed.includes(e.to));
      assert.deepEqual(
        wrong.map((e) => `${e.file} -> ${e.specifier}`),
        [],
      );
    });
  }
});
