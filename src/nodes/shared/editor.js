/*
 * Editor-side helpers shared by the thermometry nodes (runs in the browser).
 * scripts/assemble-nodes.js puts this file, with the method table's parameter
 * specs in place of __METHODS__, into every node's editor HTML; the first copy
 * loaded defines window.AxisThermometry and the others leave it alone.
 */
(function () {
    if (window.AxisThermometry) { return; }
    var METHODS = __METHODS__;

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

    function parseJSON(v) {
        if (typeof v !== "string") { return v; }
        try { return JSON.parse(v); } catch (e) { return undefined; }
    }

    function isNum(x) { return typeof x === "number" && isFinite(x); }

    /* Capabilities of deployed cameras, by config node id (GET axis-thermometry/capabilities/:id). */
    var CAPS = {};

    function cameraOf(node) {
        var sel = $("#node-input-camera");
        if (sel.length && sel.is(":visible")) { return sel.val(); }
        return node.camera;
    }

    /* A limit of the table: a number, or a capability name resolved when the camera is known. */
    function limitOf(limit, caps) {
        if (isNum(limit)) { return limit; }
        if (typeof limit === "string" && caps && isNum(caps[limit])) { return caps[limit]; }
        return undefined;
    }

    function loadCapabilities(cameraId, done) {
        if (!cameraId || cameraId === "_ADD_") { return; }
        if (CAPS[cameraId]) { done(CAPS[cameraId]); return; }
        $.getJSON("axis-thermometry/capabilities/" + encodeURIComponent(cameraId)).done(function (caps) {
            CAPS[cameraId] = caps;
            done(caps);
        }); /* not deployed yet or unreachable: the runtime checks the limits instead */
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

    function segmentsCross(p1, p2, p3, p4) {
        function orient(a, b, c) { return Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])); }
        return orient(p1, p2, p3) * orient(p1, p2, p4) < 0 && orient(p3, p4, p1) * orient(p3, p4, p2) < 0;
    }

    /* The rule a value breaks, or null when it is fine. Capability limits (max name
     * length, max vertices, delay, temperatures) depend on the camera and are
     * checked by the runtime before the request is sent. */
    function checkValue(spec, value, node) {
        var t = spec.type;
        switch (t.kind) {
        case "int":
            var n = Number(value);
            var caps = CAPS[cameraOf(node)];
            var min = limitOf(t.min, caps), max = limitOf(t.max, caps);
            if (!/^\s*-?\d+\s*$/.test(String(value))) { return "a whole number"; }
            if (min !== undefined && n < min) { return "at least " + min; }
            if (max !== undefined && n > max) { return "at most " + max; }
            return null;
        case "string":
            var maxLength = limitOf(t.maxLength, CAPS[cameraOf(node)]);
            if (maxLength !== undefined && String(value).length > maxLength) { return "at most " + maxLength + " characters"; }
            return String(value).length ? null : "not empty";
        case "enum":
            return t.values.indexOf(value) >= 0 ? null : "one of " + t.values.join(", ");
        case "boolean":
            return null;
        case "intList":
            var list = Array.isArray(value) ? value : String(value).trim().charAt(0) === "[" ? parseJSON(value) :
                String(value).split(/[\s,]+/).filter(function (s) { return s !== ""; }).map(Number);
            if (!Array.isArray(list) || !list.length) { return "a list of ids, e.g. 0, 1"; }
            for (var i = 0; i < list.length; i++) {
                if (!Number.isInteger(list[i]) || list[i] < (isNum(t.min) ? t.min : 0)) { return "whole numbers from " + (isNum(t.min) ? t.min : 0); }
            }
            return null;
        case "point":
            var p = parseJSON(value);
            var cs = formValue(node, "coordinateSystem");
            var lo = cs === "coord_0_1" ? 0 : -1;
            if (!Array.isArray(p) || p.length !== 2 || !isNum(p[0]) || !isNum(p[1])) { return "[x, y]"; }
            if (p[0] < lo || p[0] > 1 || p[1] < lo || p[1] > 1) { return "x and y in " + lo + "..1"; }
            return null;
        case "vertices":
            var v = parseJSON(value);
            var maxV = limitOf("maxNumberOfVertices", CAPS[cameraOf(node)]);
            if (!Array.isArray(v) || v.length < 3) { return "at least 3 points [[x, y], ...]"; }
            if (maxV !== undefined && v.length > maxV) { return "at most " + maxV + " points"; }
            var seen = {};
            for (var j = 0; j < v.length; j++) {
                var pt = v[j];
                if (!Array.isArray(pt) || pt.length !== 2 || !isNum(pt[0]) || !isNum(pt[1])) { return "points [x, y]"; }
                if (pt[0] < -1 || pt[0] > 1 || pt[1] < -1 || pt[1] > 1) { return "x and y in -1..1"; }
                if (seen[pt[0] + "," + pt[1]]) { return "unique points"; }
                seen[pt[0] + "," + pt[1]] = true;
            }
            for (var a = 0; a < v.length; a++) {
                for (var b = a + 1; b < v.length; b++) {
                    var a2 = (a + 1) % v.length, b2 = (b + 1) % v.length;
                    if (a2 === b || b2 === a) { continue; }
                    if (segmentsCross(v[a], v[a2], v[b], v[b2])) { return "edges that do not cross"; }
                }
            }
            return null;
        }
        return null;
    }

    var ISOTHERM_ORDER = ["min", "low", "middle", "high"];

    /* validate function for the editor property `prop` holding parameter `param`. */
    function validator(param, prop) {
        prop = prop || param;
        return function (value, opt) {
            var method = currentOperation(this);
            var spec = specOf(method, param);
            if (!spec) { return true; } /* not a field of this operation */
            if (isEmpty(value)) {
                return spec.required ? (opt && opt.label ? opt.label : param) + ": required" : true;
            }
            var rule = checkValue(spec, value, this);
            if (!rule && method === "setIsothermLevels") {
                var mine = Number(value), i = ISOTHERM_ORDER.indexOf(param);
                for (var k = 0; k < ISOTHERM_ORDER.length; k++) {
                    var other = formValue(this, ISOTHERM_ORDER[k]);
                    if (k === i || isEmpty(other)) { continue; }
                    if ((k < i && Number(other) >= mine) || (k > i && Number(other) <= mine)) { rule = "levels rising: min < low < middle < high"; }
                }
            }
            return rule ? param + " must be " + rule : true;
        };
    }

    /* oneditprepare: show the rows of the chosen operation only. */
    function prepare(node, onChange) {
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
        function limits() { loadCapabilities(camera.val(), showLimits); }
        camera.on("change", limits);
        limits();
    }

    window.AxisThermometry = { methods: METHODS, validator: validator, prepare: prepare, checkValue: checkValue };
})();
