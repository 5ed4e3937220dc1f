#!/usr/bin/env node
'use strict';
/*
 * Writes the Node-RED-facing folder nodes/ from src/nodes (run by `npm run
 * build` after tsc):
 *   nodes/<node>.js                 requires the compiled runtime in dist/nodes/<node>/
 *   nodes/<node>.html               the editor: the node's template with the shared editor
 *                                   script, the node's own script (src/nodes/<node>/editor.ts,
 *                                   bundled by scripts/build-editor.js), the operation list and
 *                                   the parameter form rows filled in from the method table
 *                                   (src/api/methods.ts)
 *   nodes/locales/en-US/<node>.json the node's labels plus the shared ones
 *   nodes/locales/en-US/<node>.html the help, with parameter lists from the method table
 *   nodes/icons/*.svg               copied from icons/
 *   resources/thermometry-editor.js the one shared editor script (scripts/build-editor.js, from
 *                                   src/nodes/shared/editor), which <!--@SHARED-EDITOR@-->
 *                                   loads in each node's HTML
 * Placeholders in the sources: <!--@SHARED-EDITOR@-->, <!--@EDITOR@-->, <!--@CAMERA-SCOPE@-->, <!--@OPERATIONS@-->,
 * <!--@FIELDS@--> (editor); <!--@PARAMS method@-->, <!--@METHOD method@--> (help).
 */
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const srcNodes = path.join(root, 'src', 'nodes');
const outDir = path.join(root, 'nodes');
const { METHODS } = require(path.join(root, 'dist', 'api', 'methods.js'));
const { NODE_SPECS } = require(path.join(root, 'dist', 'nodes', 'shared', 'node-specs.js'));
const { writeSharedBundle, nodeEditor } = require('./build-editor');
const pkg = require(path.join(root, 'package.json'));

const LANG = 'en-US';

// The status and event forms' "Cameras" field (src/nodes/shared/editor/camera-scope.ts shows and hides its rows).
const CAMERA_SCOPE_ROWS = `    <div class="form-row">
        <label for="node-input-cameraScope"><i class="fa fa-th"></i> <span data-i18n="thermometry.label.cameraScope"></span></label>
        <select id="node-input-cameraScope">
            <option value="camera" data-i18n="thermometry.cameraScope.camera"></option>
            <option value="all" data-i18n="thermometry.cameraScope.all"></option>
            <option value="chosen" data-i18n="thermometry.cameraScope.chosen"></option>
        </select>
    </div>
    <div class="form-row thermometry-camera-set-row">
        <label for="node-input-cameraSet"><i class="fa fa-list"></i> <span data-i18n="thermometry.label.cameraSet"></span></label>
        <input type="text" id="node-input-cameraSet" data-i18n="[placeholder]thermometry.placeholder.cameraSet">
    </div>`;
const sharedCatalogue = JSON.parse(fs.readFileSync(path.join(srcNodes, 'shared', 'locales', LANG, 'common.json'), 'utf8'));

function escapeHtml(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Parameters of a node's methods in first-seen order, each with the methods using it. */
function nodeParams(spec) {
  const params = new Map();
  for (const method of spec.operations.methods) {
    for (const p of METHODS[method].params) {
      if (!params.has(p.name)) params.set(p.name, { spec: p, methods: [] });
      params.get(p.name).methods.push(method);
    }
  }
  return params;
}

const ICONS = {
  int: 'fa-hashtag',
  boolean: 'fa-check-square-o',
  string: 'fa-tag',
  enum: 'fa-list',
  vertices: 'fa-object-ungroup',
  point: 'fa-crosshairs',
  intList: 'fa-list-ol',
};
const PLACEHOLDERS = {
  vertices: '[[-0.5,-0.5],[0.5,-0.5],[0.5,0.5],[-0.5,0.5]]',
  point: '[0, 0]',
  intList: '0, 1',
};

// Limits read from the camera, in the words a placeholder uses.
const CAPABILITY_WORDS = {
  minTemperature: 'camera min',
  maxTemperature: 'camera max',
  maxDelayTime: 'camera max',
  maxNameLength: 'camera max',
  maxNumberOfAreas: 'camera max',
  maxNumberOfVertices: 'camera max',
  maxGroups: 'camera max',
};

// Fields holding temperatures (or degrees of change): the form shows the camera's scale beside them.
const TEMPERATURE_PARAMS = new Set(['threshold', 'high', 'middle', 'low', 'min']);
// Placeholders that say more than a range.
const PARAM_PLACEHOLDERS = { imagesource: '0 on single-sensor cameras (optional)' };

/** An enum value's label for people, from the catalogue (thermometry.value.<param>.<value>), else the value itself. */
function valueLabel(param, value) {
  const labels = (sharedCatalogue.thermometry.value || {})[param] || {};
  return labels[value]
    ? `<option value="${escapeHtml(value)}" data-i18n="thermometry.value.${param}.${escapeHtml(value)}"></option>`
    : `<option value="${escapeHtml(value)}">${escapeHtml(value)}</option>`;
}

function placeholderFor(spec) {
  // A parameter newer than its method says from which version the camera takes it.
  const since = spec.since ? `, API ${spec.since}` : '';
  if (PARAM_PLACEHOLDERS[spec.name] && !spec.required) return PARAM_PLACEHOLDERS[spec.name].replace(/\)$/, `${since})`);
  const t = spec.type;
  if (PLACEHOLDERS[t.kind]) return PLACEHOLDERS[t.kind];
  if (t.kind === 'int') {
    const word = (limit) => (typeof limit === 'number' ? String(limit) : typeof limit === 'string' ? CAPABILITY_WORDS[limit] || limit : null);
    const lo = word(t.min);
    const hi = word(t.max);
    let text = '';
    if (lo !== null && hi !== null) text = `${lo} to ${hi}`;
    else if (lo !== null) text = `${lo} or more`;
    if (!spec.required) text = text ? `${text}, optional${since}` : `optional${since}`;
    return text;
  }
  return spec.required ? '' : 'optional';
}

function fieldRows(type, spec, catalogue) {
  const fieldNames = spec.fieldNames || {};
  const ownLabels = (catalogue[type] && catalogue[type].param) || {};
  const rows = [];
  for (const [param, { spec: p, methods }] of nodeParams(spec)) {
    const prop = fieldNames[param] || param;
    const id = `node-input-${prop}`;
    const title = escapeHtml(p.description);
    // A node's own label for a parameter (e.g. "Area name") wins over the shared one.
    const labelKey = ownLabels[param] ? `${type}.param.${param}` : `thermometry.param.${param}`;
    const label = `<span data-i18n="${labelKey}"></span>`;
    const attrs = `class="form-row thermometry-row" data-methods="${methods.join(' ')}" data-param="${param}"`;
    if (p.type.kind === 'boolean') {
      rows.push(`<div ${attrs}>
    <label>&nbsp;</label>
    <input type="checkbox" id="${id}" style="display:inline-block; width:auto; vertical-align:top;" title="${title}">
    <label for="${id}" style="width:auto;">${label}</label>
</div>`);
    } else if (p.type.kind === 'enum') {
      const options = p.type.values.map((v) => valueLabel(param, v)).join('');
      rows.push(`<div ${attrs}>
    <label for="${id}"><i class="fa ${ICONS.enum}"></i> ${label}</label>
    <select id="${id}" title="${title}" style="width: 70%;">${options}</select>
</div>`);
    } else {
      // Limits read from the camera: the editor fills in the numbers once it knows them.
      const fromCamera = ['min', 'max', 'maxLength'].some((k) => typeof p.type[k] === 'string');
      const limits = fromCamera
        ? ['min', 'max']
            .filter((k) => p.type[k] !== undefined)
            .map((k) => ` data-${k}="${p.type[k]}"`)
            .join('')
        : '';
      const optional = p.required ? '' : ' data-optional="1"';
      // The scale beside a temperature: "°" until the editor knows the camera's (°C or °F).
      const unit = TEMPERATURE_PARAMS.has(param) ? ' <span class="thermometry-unit">°</span>' : '';
      const width = unit ? ' style="width: 60%;"' : '';
      rows.push(`<div ${attrs}>
    <label for="${id}"><i class="fa ${ICONS[p.type.kind] || 'fa-pencil'}"></i> ${label}</label>
    <input type="text" id="${id}" placeholder="${escapeHtml(placeholderFor(p))}" title="${title}"${width}${limits}${limits ? optional : ''}>${unit}
</div>`);
    }
  }
  return rows.join('\n');
}

function operationOptions(spec) {
  return spec.operations.methods.map((m) => `<option value="${m}" data-i18n="thermometry.operation.${m}"></option>`).join('\n        ');
}

const PROPERTY_TYPES = { int: 'number', boolean: 'boolean', string: 'string', enum: 'string', vertices: 'array', point: 'array', intList: 'array' };

function describeParam(p) {
  let text = escapeHtml(p.description);
  if (p.type.kind === 'enum') text += ` One of <code>${p.type.values.map(escapeHtml).join('</code>, <code>')}</code>.`;
  if (p.since) text += ` Since API ${p.since}.`;
  if (p.uniqueSince) text += ` Unique from API ${p.uniqueSince}.`;
  return text;
}

function helpParams(method) {
  const m = METHODS[method];
  if (!m) throw new Error(`help names an unknown method: ${method}`);
  if (m.params.length === 0) return '<p>No parameters: <code>msg.payload</code> only triggers the call.</p>';
  const items = m.params.map(
    (p) => `    <dt${p.required ? '' : ' class="optional"'}>${p.name} <span class="property-type">${PROPERTY_TYPES[p.type.kind]}</span></dt>
    <dd>${describeParam(p)}</dd>`,
  );
  return `<dl class="message-properties">\n${items.join('\n')}\n</dl>`;
}

function helpMethod(method) {
  const m = METHODS[method];
  if (!m) throw new Error(`help names an unknown method: ${method}`);
  return `<code>${m.name}</code> (API ${m.since}, ${m.level}): ${escapeHtml(m.description)} Reply: ${escapeHtml(m.returns)}.`;
}

function writeFile(file, content) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

async function assemble() {
  // Start from an empty folder, keeping the committed files (README.md and the ignore files).
  if (fs.existsSync(outDir)) {
    for (const entry of fs.readdirSync(outDir)) {
      if (!['README.md', '.gitignore', '.npmignore'].includes(entry)) fs.rmSync(path.join(outDir, entry), { recursive: true, force: true });
    }
  }
  // Node-RED loads a relative src from the package's resources/ before the rest of the HTML runs.
  const bundleName = await writeSharedBundle(path.join(root, 'resources'));
  const sharedScript = `<script type="text/javascript" src="resources/${pkg.name}/${bundleName}"></script>`;
  const types = fs.readdirSync(srcNodes).filter((d) => d !== 'shared' && fs.existsSync(path.join(srcNodes, d, `${d}.html`)));
  for (const type of types) {
    const dir = path.join(srcNodes, type);
    const spec = NODE_SPECS[type];
    writeFile(path.join(outDir, `${type}.js`), `module.exports = require('../dist/nodes/${type}/${type}.js');\n`);

    const localeDir = path.join(dir, 'locales', LANG);
    const own = fs.existsSync(path.join(localeDir, `${type}.json`)) ? JSON.parse(fs.readFileSync(path.join(localeDir, `${type}.json`), 'utf8')) : {};
    let html = fs.readFileSync(path.join(dir, `${type}.html`), 'utf8');
    html = html.replace('<!--@SHARED-EDITOR@-->', sharedScript).replace('<!--@CAMERA-SCOPE@-->', CAMERA_SCOPE_ROWS);
    const editor = await nodeEditor(type);
    if (editor === null) throw new Error(`${type}: no src/nodes/${type}/editor.ts`);
    // A function, not a string: a "$&" in the script must stay as it is.
    html = html.replace('<!--@EDITOR@-->', () => `<script type="text/javascript">\n${editor}</script>`);
    if (spec) {
      html = html.replace('<!--@OPERATIONS@-->', operationOptions(spec)).replace('<!--@FIELDS@-->', fieldRows(type, spec, own));
    }
    if (/<!--@[A-Z-]+@-->/.test(html)) throw new Error(`${type}.html: placeholder left unfilled`);
    writeFile(path.join(outDir, `${type}.html`), html);

    writeFile(path.join(outDir, 'locales', LANG, `${type}.json`), JSON.stringify({ ...sharedCatalogue, ...own }, null, 4) + '\n');
    const helpFile = path.join(localeDir, `${type}.html`);
    if (fs.existsSync(helpFile)) {
      const help = fs
        .readFileSync(helpFile, 'utf8')
        .replace(/<!--@PARAMS (\w+)@-->/g, (_, m) => helpParams(m))
        .replace(/<!--@METHOD (\w+)@-->/g, (_, m) => helpMethod(m));
      writeFile(path.join(outDir, 'locales', LANG, `${type}.html`), help);
    }
  }
  const iconSrc = path.join(root, 'icons');
  if (fs.existsSync(iconSrc)) {
    for (const icon of fs.readdirSync(iconSrc).filter((f) => f.endsWith('.svg') || f.endsWith('.png'))) {
      writeFile(path.join(outDir, 'icons', icon), fs.readFileSync(path.join(iconSrc, icon)));
    }
  }
  return types;
}

if (require.main === module) {
  assemble().then(
    (types) => console.log(`nodes/: ${types.join(', ')}`),
    (err) => {
      console.error(err.message || err);
      process.exitCode = 1;
    },
  );
}
module.exports = { assemble, helpParams, helpMethod };
