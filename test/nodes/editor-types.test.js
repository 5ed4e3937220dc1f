'use strict';
// The editor's browser code is type-checked, and a type error in it fails `npm run build`:
// tsconfig.editor.json takes every editor file (src/nodes/<node>/editor.ts, src/nodes/shared/editor/),
// checks it as browser code (DOM, jQuery, our RED declaration, no Node types), and the build runs it
// before bundling. Here a deliberately broken editor file, added to that very program in memory, must be
// refused, and the editor as it is must pass.
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const root = path.join(__dirname, '..', '..');
const pkg = require(path.join(root, 'package.json'));

function project(name) {
  const file = path.join(root, name);
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  assert.equal(error, undefined, `${name} unreadable`);
  return ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, file);
}

/** Every editor file of the sources: each node's editor.ts and the shared editor folder. */
function editorFiles() {
  const nodes = path.join(root, 'src', 'nodes');
  const own = fs.readdirSync(nodes).map((d) => path.join(nodes, d, 'editor.ts')).filter((f) => fs.existsSync(f));
  const shared = fs.readdirSync(path.join(nodes, 'shared', 'editor')).filter((f) => f.endsWith('.ts')).map((f) => path.join(nodes, 'shared', 'editor', f));
  return [...own, ...shared];
}

/** Diagnostics of the editor program, with `extra` files (path -> text) added in memory. */
function check(extra) {
  const parsed = project('tsconfig.editor.json');
  const host = ts.createCompilerHost(parsed.options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => f in extra || fileExists.call(host, f);
  host.readFile = (f) => (f in extra ? extra[f] : readFile.call(host, f));
  host.getSourceFile = (f, lang, ...rest) => (f in extra ? ts.createSourceFile(f, extra[f], lang) : getSourceFile.call(host, f, lang, ...rest));
  const program = ts.createProgram([...parsed.fileNames, ...Object.keys(extra)], parsed.options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ({
    file: d.file ? path.relative(root, d.file.fileName) : '',
    code: d.code,
    text: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
}

describe('editor code under the type checker', function () {
  this.timeout(180000);

  it('takes every editor file, which the runtime build (Node types) leaves to it', function () {
    const editor = project('tsconfig.editor.json').fileNames.map((f) => path.resolve(f));
    const runtime = project('tsconfig.json').fileNames.map((f) => path.resolve(f));
    const files = editorFiles();
    assert.ok(files.length >= 10, `editor files found: ${files.length}`);
    for (const f of files) {
      assert.ok(editor.includes(f), `${path.relative(root, f)} is not type-checked as browser code`);
      assert.ok(!runtime.includes(f), `${path.relative(root, f)} compiles as Node code`);
    }
    assert.match(pkg.scripts.build, /tsc -p tsconfig\.editor\.json && node scripts\/assemble-nodes\.js/, 'npm run build checks the editor before bundling');
  });

  it('refuses a broken editor file (wrong types, Node-only code) and passes the editor as it is', function () {
    const broken = path.join(root, 'src', 'nodes', 'thermometry-area', 'broken-editor.ts');
    const diagnostics = check({
      [broken]: [
        'import { prepare, problem } from "../shared/editor";',
        'RED.nodes.registerType("thermometry-broken", { category: "Axis thermal", defaults: { name: { value: "" } },',
        '    oneditprepare: function () { prepare(this, 42); } });',
        'const rule: number = problem(RED.nodes.node("x")!, "addArea", "threshold", "5");',
        'const buffer = Buffer.isBuffer(rule);',
        '',
      ].join('\n'),
    });
    const mine = diagnostics.filter((d) => d.file === path.relative(root, broken));
    const others = diagnostics.filter((d) => d.file !== path.relative(root, broken));
    assert.deepEqual(others, [], 'the editor as it is type-checks');
    assert.ok(mine.some((d) => d.code === 2345 && /NodeForm/.test(d.text)), `a form that is no function: ${JSON.stringify(mine)}`);
    assert.ok(mine.some((d) => d.code === 2322 && /number/.test(d.text)), `a string | null read as a number: ${JSON.stringify(mine)}`);
    assert.ok(mine.some((d) => /Buffer/.test(d.text)), `Node's Buffer in browser code: ${JSON.stringify(mine)}`);
  });
});
