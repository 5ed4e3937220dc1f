/*
 * The editor's shared behaviour (runs in the browser), as AxisThermometry.
 * scripts/bundle-editor.js serves it to the editor in one file,
 * resources/node-red-contrib-axis-thermometry/thermometry-editor.js, which every
 * node's HTML loads. The requires below are the compiled method table, the
 * client's validation and the runtime's reading of editor fields, so a form
 * refuses a value by the very rules the client (and the emulator, over
 * src/api) apply.
 */
var methods = require('../../../api/methods');
var validate = require('../../../client/validate');
var params = require('../params');
var nodeSpecs = require('../node-specs');
var cameraView = require('./camera-view');
var forms = require('./forms');

var METHODS = methods.METHODS;

function specOf(method, param) {
    var m = METHODS[method];
    if (!m) { return null; }
    for (var i = 0; i < m.params.length; i++) {
        if (m.params[i].name === param) { return m.params[i]; }
    }
    return null;
}

/* The operation being edited: the form's choice while the dialog is open, else the node's. */
function currentOperation(node) {
    var sel = $("#node-input-operation");
    if (sel.length && sel.is(":visible")) { return sel.val(); }
    return node.operation;
}

function formValue(node, prop) {
    var el = $("#node-input-" + prop);
    if (el.length && el.is(":visible")) {
        return el.attr("type") === "checkbox" ? el.prop("checked") : el.val();
    }
    return node[prop];
}

function isEmpty(v) { return v === undefined || v === null || (typeof v === "string" && v.trim() === ""); }

/* The editor property holding a parameter of a node type (Node-RED owns `id` and `name`). */
function propOf(type, param) {
    var spec = nodeSpecs.NODE_SPECS[type];
    var names = (spec && spec.fieldNames) || {};
    return names[param] || param;
}

/* Capabilities of cameras, by config node id (GET axis-thermometry/capabilities/:id, or the camera view's answer). */
var CAPS = cameraView.capabilities;

function cameraOf(node) {
    var sel = $("#node-input-camera");
    if (sel.length && sel.is(":visible")) { return sel.val(); }
    return node.camera;
}

function loadCapabilities(cameraId, done) {
    if (!cameraId || cameraId === "_ADD_") { return; }
    if (CAPS[cameraId]) { done(CAPS[cameraId]); return; }
    $.getJSON("axis-thermometry/capabilities/" + encodeURIComponent(cameraId)).done(function (caps) {
        CAPS[cameraId] = caps;
        done(caps);
    }); /* not deployed yet or unreachable: the runtime checks the limits instead */
}

/* A limit of the table: a number, or a capability name resolved when the camera is known. */
function limitOf(limit, caps) {
    if (typeof limit === "number") { return limit; }
    if (typeof limit === "string" && caps && typeof caps[limit] === "number") { return caps[limit]; }
    return undefined;
}

/* Placeholders with the camera's numbers, e.g. "0 to 300" for the delay. */
function showLimits(caps) {
    $(".thermometry-row input[data-min], .thermometry-row input[data-max]").each(function () {
        var el = $(this);
        var lo = el.attr("data-min"), hi = el.attr("data-max");
        var loV = lo === undefined ? undefined : limitOf(/^-?\d+$/.test(lo) ? Number(lo) : lo, caps);
        var hiV = hi === undefined ? undefined : limitOf(/^-?\d+$/.test(hi) ? Number(hi) : hi, caps);
        var text = loV !== undefined && hiV !== undefined ? loV + " to " + hiV : loV !== undefined ? loV + " or more" : hiV !== undefined ? "at most " + hiV : "";
        if (text) { el.attr("placeholder", text + (el.attr("data-optional") ? ", optional" : "")); }
    });
}

/* The form's values for `method` as the runtime reads them (params.fromEditor); fields it cannot read are left out. */
function formParams(node, method) {
    var out = {};
    METHODS[method].params.forEach(function (spec) {
        try {
            var v = params.fromEditor(spec, formValue(node, propOf(node.type, spec.name)));
            if (v !== undefined) { out[spec.name] = v; }
        } catch (e) { /* reported by that field's own validator */ }
    });
    return out;
}

/*
 * The rule `raw` breaks as parameter `param` of `method`, or null: read as the
 * runtime reads the field, then checked by the client's own validation, with
 * the camera's capabilities when they are known.
 */
function problem(node, method, param, raw) {
    var spec = specOf(method, param);
    if (!spec) { return null; }
    var value;
    try {
        value = params.fromEditor(spec, raw);
    } catch (e) {
        return e.message.replace(/^editor field /, "");
    }
    if (value === undefined) { return spec.required ? param + ": required" : null; }
    var all = formParams(node, method);
    all[param] = value;
    try {
        validate.validateParam(method, param, all, CAPS[cameraOf(node)]);
    } catch (e) {
        return String(e.message).replace(method + ": ", "");
    }
    return null;
}

/* validate function for the editor property `prop` holding parameter `param`. Two parameters: Node-RED shows a returned string as the reason only then. */
function validator(param, prop) {
    prop = prop || param;
    return function (value, opt) {
        var method = currentOperation(this);
        if (!specOf(method, param)) { return true; } /* not a field of this operation */
        var rule = problem(this, method, param, value);
        return rule === null ? true : rule;
    };
}

/* The one thermometry camera of the workspace, or undefined when there are none or several. */
function onlyCamera() {
    var ids = [];
    RED.nodes.eachConfig(function (c) {
        if (c.type === "thermometry-camera") { ids.push(c.id); }
    });
    return ids.length === 1 ? ids[0] : undefined;
}

/* onadd: a node dropped while exactly one camera exists uses it, ready to deploy. */
function onadd() {
    if (!this.camera) {
        var id = onlyCamera();
        if (id) { this.camera = id; }
    }
}

/* Temperature fields say the camera's scale ("°C", "°F") once it is known. */
function showUnit(caps) {
    var scale = caps && caps.currentTemperatureScale;
    var unit = scale === "celsius" ? "°C" : scale === "fahrenheit" ? "°F" : null;
    if (unit) { $(".thermometry-unit").text(unit); }
}

/* oneditprepare: a node opened with no camera while exactly one exists gets that one (Node-RED would show "none"). */
function pickCamera(node) {
    var select = $("#node-input-camera");
    var value = select.val();
    if (!node.camera && (!value || value === "_ADD_")) {
        var only = onlyCamera();
        if (only) { select.val(only).trigger("change"); }
    }
}

/*
 * A node's `defaults`: its own properties (`own`: name, camera, operation...),
 * then one per parameter of its operations, read from the method table, with
 * the validator of that parameter (booleans need none). `values` gives the
 * initial value by editor property; a parameter it leaves out starts empty
 * (false for a boolean). A parameter added to the table so gets its property
 * and its check in every form without an edit here.
 */
function defaults(type, own, values) {
    var spec = nodeSpecs.NODE_SPECS[type];
    var out = {};
    var given = values || {};
    Object.keys(own || {}).forEach(function (k) { out[k] = own[k]; });
    if (!spec) { return out; }
    spec.operations.methods.forEach(function (method) {
        METHODS[method].params.forEach(function (p) {
            var prop = propOf(type, p.name);
            if (out[prop]) { return; }
            var boolean = p.type.kind === "boolean";
            out[prop] = { value: Object.prototype.hasOwnProperty.call(given, prop) ? given[prop] : boolean ? false : "" };
            if (!boolean) { out[prop].validate = validator(p.name, prop); }
        });
    });
    Object.keys(given).forEach(function (k) {
        if (!out[k] && window.console) { console.warn("thermometry editor: " + type + " has no parameter field " + k); }
    });
    return out;
}

/* oneditprepare: the camera view and pick-lists of the form, and the rows of the chosen operation only. */
function prepare(node, onChange) {
    pickCamera(node);
    var opened = forms.attach(node, function (view) { return (view.view && view.view.capabilities) || CAPS[cameraOf(node)]; });
    var select = $("#node-input-operation");
    function update() {
        var op = select.val();
        $(".thermometry-row").each(function () {
            var methods = String($(this).attr("data-methods") || "").split(" ");
            $(this).toggle(methods.indexOf(op) >= 0);
        });
        if (onChange) { onChange(op); }
    }
    select.on("change", update);
    update();
    /* Ranges from the chosen camera, when it is deployed. */
    var camera = $("#node-input-camera");
    function limits() { loadCapabilities(camera.val(), function (caps) { showLimits(caps); showUnit(caps); }); }
    camera.on("change", function () {
        limits();
        opened.forEach(function (part) { if (part.load) { part.load(); } });
    });
    limits();
}

module.exports = { methods: METHODS, validator: validator, defaults: defaults, prepare: prepare, problem: problem, onadd: onadd, pickCamera: pickCamera };
