/*
 * The camera in a node's form (runs in the browser): its snapshot with every
 * area drawn over it (SVG over the <img>), refreshed every few seconds while
 * the form is open, and a line that says what the camera answered. Reads the
 * camera through the admin routes of the camera node (admin-routes.ts), with
 * the settings the editor holds, so a camera not yet deployed shows too.
 *
 * Coordinates are the API's: x right, y up, -1..1 over the whole image (the
 * snapshot is unrotated and unmirrored).
 */
var t = require('./text').t;
var REFRESH_MS = 5000;
/* Capabilities of the cameras seen, by config node id: the field validators use them too. */
var CAPABILITIES = {};
var SVG_NS = "http://www.w3.org/2000/svg";
/* Shown before the first snapshot (and when there is none): the image's shape. */
var DEFAULT_SIZE = { width: 640, height: 480 };

/* The config node's settings as the editor holds them; credentials only when typed in this session ("__PWRD__" = the stored one). */
function cameraSettings(id) {
    var cfg = RED.nodes.node(id);
    if (!cfg) { return undefined; }
    var out = {};
    ["host", "port", "protocol", "tls", "caPem", "caFile", "apiVersion", "timeout"].forEach(function (k) {
        if (cfg[k] !== undefined && cfg[k] !== null) { out[k] = String(cfg[k]); }
    });
    var creds = cfg.credentials || {};
    if (creds.username) { out.username = creds.username; }
    if (creds.password) { out.password = creds.password; }
    return out;
}

/*
 * POST to an admin route with Node-RED's own request settings (its base URL
 * and the editor's token); done(error, answer). A blob for the snapshot.
 */
function post(path, body, binary, done) {
    var settings = { url: path, type: "POST" };
    var headers = {};
    var recorder = { setRequestHeader: function (k, v) { headers[k] = v; } };
    if ($.ajaxSettings && typeof $.ajaxSettings.beforeSend === "function") { $.ajaxSettings.beforeSend(recorder, settings); }
    var xhr = new XMLHttpRequest();
    xhr.open("POST", settings.url);
    Object.keys(headers).forEach(function (k) { xhr.setRequestHeader(k, headers[k]); });
    xhr.setRequestHeader("Content-Type", "application/json");
    xhr.responseType = binary ? "blob" : "text";
    xhr.onload = function () {
        if (xhr.status === 200) {
            if (binary) { done(null, xhr.response); return; }
            try { done(null, JSON.parse(xhr.responseText)); } catch (e) { done("unreadable answer"); }
            return;
        }
        var reason = function (text) {
            var said;
            try { said = JSON.parse(text).error; } catch (e) { said = undefined; }
            if (!said) { said = xhr.status === 401 || xhr.status === 403 ? "you may not read the camera (permission thermometry-camera.read)" : "HTTP " + xhr.status; }
            done(said);
        };
        if (binary && xhr.response && typeof xhr.response.text === "function") {
            xhr.response.text().then(reason, function () { reason(""); });
        } else {
            reason(binary ? "" : xhr.responseText);
        }
    };
    xhr.onerror = function () { done("Node-RED did not answer"); };
    xhr.send(JSON.stringify(body || {}));
}

function svg(tag, attrs, parent) {
    var el = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(el); }
    return el;
}

var STYLE = [
    ".thermometry-view { margin-bottom: 12px; }",
    ".thermometry-view-line { display: flex; align-items: center; gap: 8px; min-height: 24px; color: var(--red-ui-secondary-text-color, #555); font-size: 12px; }",
    ".thermometry-view-line .thermometry-view-state { flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }",
    ".thermometry-view-line.thermometry-view-failed .thermometry-view-state { color: var(--red-ui-text-color-error, #d6615f); }",
    ".thermometry-view-image { position: relative; width: 100%; max-width: 640px; aspect-ratio: 4 / 3; margin-top: 4px; overflow: hidden; user-select: none;",
    "  border: 1px solid var(--red-ui-form-input-border-color, #ccc); border-radius: 2px;",
    "  background: var(--red-ui-secondary-background, #f3f3f3) repeating-linear-gradient(45deg, transparent 0 10px, rgba(128,128,128,0.08) 10px 20px); }",
    ".thermometry-view-image img { position: absolute; left: 0; top: 0; width: 100%; height: 100%; display: block; }",
    ".thermometry-view-image svg { position: absolute; left: 0; top: 0; width: 100%; height: 100%; }",
    ".thermometry-view-image.thermometry-view-drawing svg { cursor: crosshair; }",
    ".thermometry-view-tools { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-top: 6px; font-size: 12px; color: var(--red-ui-secondary-text-color, #555); }",
    ".thermometry-view-message { margin-top: 4px; min-height: 16px; font-size: 12px; color: var(--red-ui-text-color-error, #d6615f); }",
    ".thermometry-view-message.thermometry-view-info { color: var(--red-ui-secondary-text-color, #555); }",
    ".thermometry-pick-row select[multiple] { height: auto; }",
    ".thermometry-view svg text { font: 600 13px sans-serif; paint-order: stroke; stroke: #000; stroke-width: 3px; fill: #fff; pointer-events: none; }"
].join("\n");

function addStyle() {
    if (document.getElementById("thermometry-view-style")) { return; }
    $("<style>", { id: "thermometry-view-style" }).text(STYLE).appendTo("head");
}

function round(v) { return Math.round(v * 1000) / 1000; }
function clamp(v) { return Math.max(-1, Math.min(1, v)); }

/*
 * The view in the form, placed after `anchor` (a form row). options:
 *   cameraId()         the chosen camera config node's id
 *   areasShown(view)   filter of the areas to draw (default: all)
 *   decorate(layer, view, toPx)   draws the node's own layer (editable polygon, spot...)
 *   onView(view)       called with each new answer (lists for the pick-lists)
 *   drawing()          whether the form draws on the image now (then the image box shows even with no camera)
 */
function CameraView(anchor, options) {
    addStyle();
    var self = this;
    this.options = options;
    this.view = null;
    this.size = { width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height };
    this.root = $('<div class="form-row thermometry-view"></div>').insertAfter(anchor);
    this.line = $('<div class="thermometry-view-line"><i class="fa fa-video-camera"></i><span class="thermometry-view-state"></span></div>').appendTo(this.root);
    this.retry = $('<button type="button" class="red-ui-button red-ui-button-small thermometry-view-retry"></button>')
        .appendTo(this.line).on("click", function (e) { e.preventDefault(); self.load(); });
    this.box = $('<div class="thermometry-view-image"></div>').appendTo(this.root);
    this.img = $('<img alt="">').appendTo(this.box).hide();
    this.svg = svg("svg", { viewBox: "0 0 " + this.size.width + " " + this.size.height, preserveAspectRatio: "none" });
    this.box.append(this.svg);
    this.tools = $('<div class="thermometry-view-tools"></div>').appendTo(this.root);
    this.message = $('<div class="thermometry-view-message"></div>').appendTo(this.root);
    this.img.on("load", function () {
        var w = this.naturalWidth, h = this.naturalHeight;
        if (w && h && (w !== self.size.width || h !== self.size.height)) {
            self.size = { width: w, height: h };
            self.box.css("aspect-ratio", w + " / " + h);
            self.svg.setAttribute("viewBox", "0 0 " + w + " " + h);
            self.render();
        }
    });
    this.timer = setInterval(function () {
        /* The form closed: stop reading the camera. */
        if (!document.body.contains(self.root[0])) { self.close(); return; }
        self.load(true);
    }, REFRESH_MS);
    this.load();
}

CameraView.prototype.close = function () {
    clearInterval(this.timer);
    if (this.objectUrl) { URL.revokeObjectURL(this.objectUrl); this.objectUrl = null; }
};

/* Image pixels of an API point, and back. */
CameraView.prototype.toPx = function (p) {
    return [(p[0] + 1) / 2 * this.size.width, (1 - p[1]) / 2 * this.size.height];
};
CameraView.prototype.fromEvent = function (evt) {
    var r = this.svg.getBoundingClientRect();
    return [round(clamp((evt.clientX - r.left) / r.width * 2 - 1)), round(clamp(1 - (evt.clientY - r.top) / r.height * 2))];
};
/* Image pixels per screen pixel: handles and lines keep their size on screen. */
CameraView.prototype.unit = function () {
    var r = this.svg.getBoundingClientRect();
    return r.width ? this.size.width / r.width : 1;
};

CameraView.prototype.state = function (text, failed) {
    this.line.toggleClass("thermometry-view-failed", !!failed);
    this.line.find(".thermometry-view-state").text(text).attr("title", text);
    this.retry.empty().append('<i class="fa fa-refresh"></i> ').append(document.createTextNode(t(failed ? "retry" : "refresh")));
};

CameraView.prototype.say = function (text, info) {
    this.message.toggleClass("thermometry-view-info", !!info).text(text || "");
};

/* Read the view and the snapshot; `quiet` keeps the line as it is until the answer. */
CameraView.prototype.load = function (quiet) {
    var self = this;
    var id = this.options.cameraId();
    if (!id || id === "_ADD_" || !RED.nodes.node(id)) {
        this.view = null;
        this.img.hide();
        this.state(t("noCamera"));
        this.render();
        return;
    }
    if (this.loading) { return; }
    this.loading = true;
    if (!quiet) { this.state(t("reading")); }
    var body = { camera: cameraSettings(id) };
    var base = "axis-thermometry/camera/" + encodeURIComponent(id) + "/";
    post(base + "view", body, false, function (err, view) {
        self.loading = false;
        if (err) {
            self.view = null;
            self.state(t("unreachable", { reason: err }), true);
            self.render();
            return;
        }
        self.view = view;
        if (view.capabilities) { CAPABILITIES[id] = view.capabilities; }
        var areas = view.areas && view.areas.areaList ? view.areas.areaList.length : 0;
        var on = "";
        if (view.presets && view.presets.length) {
            var here = view.presets.filter(function (p) { return p.nbr === view.currentPreset; })[0];
            on = here ? t("onPreset", { nbr: here.nbr, name: here.name }) : t("ptz");
        }
        self.state(t("summary", { camera: view.camera, version: view.version, areas: (areas === 1 ? t("areaCountOne") : t("areaCount", { count: areas })) + on, time: new Date().toLocaleTimeString() }));
        if (self.options.onView) { self.options.onView(view); }
        self.render();
        post(base + "snapshot", body, true, function (e, blob) {
            if (e || !blob) { self.img.hide(); return; }
            if (self.objectUrl) { URL.revokeObjectURL(self.objectUrl); }
            self.objectUrl = URL.createObjectURL(blob);
            self.img.attr("src", self.objectUrl).show();
        });
    });
};

/* The camera's areas as drawn: outline, id and name, live max/avg, red when triggered. */
CameraView.prototype.render = function () {
    var self = this;
    /* No camera and nothing to draw: one line, no empty box. */
    this.box.toggle(!!this.view || !!(this.options.drawing && this.options.drawing()));
    while (this.svg.firstChild) { this.svg.removeChild(this.svg.firstChild); }
    var u = this.unit();
    var view = this.view;
    var deg = view && view.capabilities && view.capabilities.currentTemperatureScale === "fahrenheit" ? "\u00b0F" : "\u00b0C";
    if (view && view.areas && view.areas.areaList) {
        var status = {};
        ((view.areaStatus && view.areaStatus.areaList) || []).forEach(function (s) { status[s.id] = s; });
        var shown = this.options.areasShown ? view.areas.areaList.filter(this.options.areasShown) : view.areas.areaList;
        var highlighted = this.options.highlighted ? this.options.highlighted() : [];
        shown.forEach(function (a) {
            if (!Array.isArray(a.vertices) || a.vertices.length < 2) { return; }
            var s = status[a.id];
            var lit = highlighted.indexOf(a.id) >= 0;
            var colour = s && s.triggered ? "#ff3b30" : lit ? "#ffd60a" : "#34c759";
            var pts = a.vertices.map(function (p) { return self.toPx(p).join(","); }).join(" ");
            svg("polygon", { points: pts, fill: lit ? "rgba(255,214,10,0.18)" : "none", stroke: colour, "stroke-width": (lit ? 3 : 2) * u, "stroke-dasharray": a.enabled === false ? 6 * u + " " + 4 * u : "none", "class": lit ? "thermometry-area thermometry-area-lit" : "thermometry-area", "data-id": a.id }, self.svg);
            var top = a.vertices.reduce(function (best, p) { return p[1] > best[1] || (p[1] === best[1] && p[0] < best[0]) ? p : best; });
            var at = self.toPx(top);
            var label = "#" + a.id + " " + (a.name || "") + (s ? "  max " + s.max + " / avg " + s.avg + " " + deg : "");
            /* Right of centre the label ends at the corner, so that it stays on the image. */
            var right = at[0] > self.size.width / 2;
            var t = svg("text", { x: right ? Math.min(at[0], self.size.width - 4 * u) : Math.max(at[0], 4 * u), y: Math.max(at[1] - 5 * u, 14 * u), "text-anchor": right ? "end" : "start",
                "font-size": 13 * u, "stroke-width": 3 * u }, self.svg);
            t.textContent = label;
        });
    }
    if (view && view.spot && Array.isArray(view.spot.spotCoordinates)) {
        var c = this.toPx(view.spot.spotCoordinates);
        svg("path", { d: "M" + (c[0] - 9 * u) + "," + c[1] + "h" + 18 * u + "M" + c[0] + "," + (c[1] - 9 * u) + "v" + 18 * u, stroke: "#fff", "stroke-width": 2 * u }, this.svg);
        var st = svg("text", { x: c[0] + 8 * u, y: c[1] - 8 * u, "font-size": 13 * u, "stroke-width": 3 * u }, this.svg);
        st.textContent = t("spot") + (view.spot.spotTemperature !== undefined ? " " + view.spot.spotTemperature + " " + deg : "");
    }
    if (this.options.decorate) { this.options.decorate(this.svg, u); }
};

module.exports = { CameraView: CameraView, capabilities: CAPABILITIES, svg: svg, post: post, cameraSettings: cameraSettings };
