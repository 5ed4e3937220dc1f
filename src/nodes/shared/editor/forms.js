/*
 * What each node's form adds to its fields from the camera (runs in the
 * browser): the camera view, the area drawing, and pick-lists filled from the
 * camera's lists (areas and groups by id and name) that write the very fields
 * a user could type. Typed fields keep working with no camera at all.
 */
var text = require('./text');
var t = require('./text').t;
var CameraView = require('./camera-view').CameraView;
var PolygonEditor = require('./polygon-editor').PolygonEditor;

function field(prop) { return $("#node-input-" + prop); }

function setField(prop, value) {
    var el = field(prop);
    if (!el.length) { return; }
    if (el.attr("type") === "checkbox") { el.prop("checked", value === true); }
    else { el.val(value === undefined || value === null ? "" : String(value)); }
    el.trigger("change");
}

/* "0, 2" / "[0,2]" -> [0, 2]; anything else left out. */
function idsOf(text) {
    return String(text || "").replace(/[[\]]/g, " ").split(/[\s,;]+/).filter(function (s) { return /^\d+$/.test(s); }).map(Number);
}

function operation() { return field("operation").val(); }

/* A form row holding a select, shown for `methods` only (the operation switch shows and hides .thermometry-row). */
function pickRow(before, label, icon, methods, multiple) {
    var row = $('<div class="form-row thermometry-pick-row"></div>');
    if (methods) { row.addClass("thermometry-row").attr("data-methods", methods.join(" ")); }
    $('<label><i class="fa ' + icon + '"></i> </label>').append($("<span>").text(label)).appendTo(row);
    var select = $(multiple ? '<select multiple size="4" style="width: 70%;"></select>' : '<select style="width: 70%;"></select>').appendTo(row);
    row.insertBefore(before);
    return select;
}

/* Fill a select with `items` ({value, text}), keeping what is chosen (`chosen`: a value or a list). */
function fill(select, items, chosen, prompt) {
    var keep = Array.isArray(chosen) ? chosen.map(String) : [String(chosen)];
    select.empty();
    if (prompt) { $("<option>").val("").text(prompt).appendTo(select); }
    items.forEach(function (it) {
        $("<option>").val(String(it.value)).text(it.text).prop("selected", keep.indexOf(String(it.value)) >= 0).appendTo(select);
    });
}

function areaItems(view, preset) {
    var list = (view && view.areas && view.areas.areaList) || [];
    return list.filter(function (a) { return !preset || !a.presetNbr || a.presetNbr === preset; })
        .map(function (a) { return { value: a.id, text: a.id + ": " + (a.name || t("noName")) + (a.presetNbr ? t("ofPreset", { nbr: a.presetNbr }) : "") }; });
}

function groupItems(view) {
    var list = (view && view.groups && view.groups.groupList) || [];
    return list.map(function (g) { return { value: g.id, text: g.id + ": " + (g.name || t("noName")) + " [" + (g.areaIds || []).join(", ") + "]" }; });
}

/* The preset the form names (areas of other presets are not drawn); 0 = all. */
function formPreset() {
    var n = Number(field("presetNbr").val());
    return field("presetNbr").is(":visible") && Number.isInteger(n) && n > 0 ? n : 0;
}

/* The preset whose areas the image shows: the form's, else the one the PTZ head is on (0 = all, a fixed camera). */
function shownPreset(view) {
    return formPreset() || (view.view && view.view.currentPreset) || 0;
}

function findArea(view, id) {
    var list = (view && view.areas && view.areas.areaList) || [];
    for (var i = 0; i < list.length; i++) { if (String(list[i].id) === String(id)) { return list[i]; } }
    return null;
}

/*
 * On a PTZ camera, a list of its presets under the preset field (which it
 * writes): the image then shows the areas of the chosen preset. Hidden on a
 * fixed camera, and where the operation has no preset field.
 */
function presetPicker(view) {
    var input = field("presetNbr");
    if (!input.length) { return { update: function () {} }; }
    var holder = input.closest(".form-row");
    var row = $('<div class="form-row thermometry-preset-row"><label><i class="fa fa-map-marker"></i> <span></span></label></div>').insertAfter(holder);
    row.find("span").text(t("preset"));
    var select = $('<select style="width: 70%;"></select>').appendTo(row);
    var presets = [];
    function update(v) {
        if (v) { presets = v.presets || []; }
        var current = v ? v.currentPreset : view.view && view.view.currentPreset;
        fill(select, presets.map(function (p) { return { value: p.nbr, text: p.nbr + ": " + p.name + (p.nbr === current ? t("here") : "") }; }),
            input.val(), t("everyPreset"));
        row.toggle(presets.length > 0 && holder.is(":visible"));
    }
    select.on("change", function () { setField("presetNbr", select.val()); view.render(); });
    input.on("change", function () { select.val(String(input.val())); });
    field("operation").on("change", function () { update(); });
    update();
    return { update: update };
}

var AREA_FIELDS = { areaId: "id", imagesource: "imagesource", enabled: "enabled", areaName: "name", detectionType: "detectionType", measurement: "measurement",
    threshold: "threshold", delay: "delay", areaOverlay: "areaOverlay", temperatureOverlay: "temperatureOverlay", presetNbr: "presetNbr" };
var GROUP_FIELDS = { groupId: "id", enabled: "enabled", groupName: "name", measurement: "measurement", threshold: "threshold", delay: "delay", groupOverlay: "groupOverlay" };

function areaForm(node, caps) {
    var firstRow = $(".thermometry-row").first();
    var pickOne = pickRow(firstRow, t("area"), "fa-object-ungroup", ["updateArea"], false);
    var pickMany = pickRow(firstRow, t("areas"), "fa-object-ungroup", ["removeAreas"], true);
    var polygon;
    var view = new CameraView(field("operation").closest(".form-row"), {
        cameraId: function () { return field("camera").val(); },
        areasShown: function (a) {
            var preset = shownPreset(view);
            if (preset && a.presetNbr && a.presetNbr !== preset) { return false; }
            /* The area being changed is the one drawn for editing. */
            return !(operation() === "updateArea" && String(a.id) === String(field("areaId").val()));
        },
        highlighted: function () { return operation() === "removeAreas" ? idsOf(field("areas").val()) : []; },
        decorate: function (layer, u) { if (polygon) { polygon.draw(layer, u); } },
        drawing: function () { return !!polygon && polygon.active(); },
        onView: function (v) {
            fill(pickOne, areaItems(v, 0), field("areaId").val(), t("pickArea"));
            fill(pickMany, areaItems(v, 0), idsOf(field("areas").val()));
            presets.update(v);
        }
    });
    var presets = presetPicker(view);
    polygon = new PolygonEditor(field("vertices"), view, function () {
        var op = operation();
        return op === "addArea" || op === "updateArea";
    }, function () { return caps(view); });
    pickOne.on("change", function () {
        var area = findArea(view.view, pickOne.val());
        if (!area) { return; }
        Object.keys(AREA_FIELDS).forEach(function (prop) { if (area[AREA_FIELDS[prop]] !== undefined) { setField(prop, area[AREA_FIELDS[prop]]); } });
        setField("vertices", JSON.stringify(area.vertices));
        view.render();
    });
    pickMany.on("change", function () { setField("areas", (pickMany.val() || []).join(", ")); view.render(); });
    field("areaId").on("change", function () { view.render(); });
    field("presetNbr").on("change", function () { view.render(); });
    field("operation").on("change", function () {
        view.tools.find(".thermometry-polygon-tools").toggle(polygon.active());
        if (polygon.active()) { polygon.explain(); } else { view.say(""); }
        view.render();
    });
    view.tools.find(".thermometry-polygon-tools").toggle(polygon.active());
    if (polygon.active()) { polygon.explain(); }
    view.render();
    return [view, polygon];
}

function groupForm(node) {
    var firstRow = $(".thermometry-row").first();
    var pickGroup = pickRow(firstRow, t("group"), "fa-object-group", ["updateGroup", "removeGroup"], false);
    var members = pickRow(field("areaIds").closest(".form-row"), t("members"), "fa-object-ungroup", ["addGroup", "updateGroup"], true);
    var view = new CameraView(field("operation").closest(".form-row"), {
        cameraId: function () { return field("camera").val(); },
        areasShown: function (a) { var p = shownPreset(view); return !p || !a.presetNbr || a.presetNbr === p; },
        highlighted: function () { var op = operation(); return op === "addGroup" || op === "updateGroup" ? idsOf(field("areaIds").val()) : []; },
        onView: function (v) {
            fill(pickGroup, groupItems(v), field("groupId").val(), t("pickGroup"));
            fill(members, areaItems(v, formPreset()), idsOf(field("areaIds").val()));
            presets.update(v);
        }
    });
    var presets = presetPicker(view);
    pickGroup.on("change", function () {
        var list = (view.view && view.view.groups && view.view.groups.groupList) || [];
        var g = list.filter(function (x) { return String(x.id) === pickGroup.val(); })[0];
        if (!g) { return; }
        if (operation() === "removeGroup") { setField("groupId", g.id); return; }
        Object.keys(GROUP_FIELDS).forEach(function (prop) { if (g[GROUP_FIELDS[prop]] !== undefined) { setField(prop, g[GROUP_FIELDS[prop]]); } });
        setField("areaIds", (g.areaIds || []).join(", "));
        fill(members, areaItems(view.view, formPreset()), g.areaIds || []);
        view.render();
    });
    members.on("change", function () { setField("areaIds", (members.val() || []).join(", ")); view.render(); });
    field("areaIds").on("change", function () { view.render(); });
    return [view];
}

function spotForm(node) {
    function system() { return field("coordinateSystem").val() === "coord_0_1" ? "coord_0_1" : "coord_neg1_1"; }
    function placing() { return operation() === "addSpotTemperature"; }
    var view = new CameraView(field("operation").closest(".form-row"), {
        cameraId: function () { return field("camera").val(); },
        drawing: placing,
        decorate: function (layer, u) {
            if (!placing()) { return; }
            var p;
            try { p = JSON.parse(field("spotCoordinates").val()); } catch (e) { return; }
            if (!Array.isArray(p) || p.length !== 2) { return; }
            var api = system() === "coord_0_1" ? [p[0] * 2 - 1, 1 - p[1] * 2] : p;
            var c = view.toPx(api);
            require('./camera-view').svg("circle", { cx: c[0], cy: c[1], r: 8 * u, fill: "none", stroke: "#0af", "stroke-width": 3 * u, "class": "thermometry-spot-mark" }, layer);
        }
    });
    $(view.svg).on("click", function (evt) {
        if (!placing()) { return; }
        var p = view.fromEvent(evt);
        var out = system() === "coord_0_1" ? [Math.round((p[0] + 1) / 2 * 1000) / 1000, Math.round((1 - p[1]) / 2 * 1000) / 1000] : p;
        setField("spotCoordinates", JSON.stringify(out));
        view.render();
    });
    function hint() {
        view.box.toggleClass("thermometry-view-drawing", placing());
        view.say(placing() ? t("placeSpot") : "", true);
        view.render();
    }
    field("operation").on("change", hint);
    field("spotCoordinates").on("change keyup", function () { view.render(); });
    field("coordinateSystem").on("change", function () { view.render(); });
    hint();
    return [view];
}

/* The event node's id filters: pick from the lists, or type. */
function eventForm(node) {
    var areaPick = pickRow(field("areaIds").closest(".form-row").next(), t("pickAreas"), "fa-object-ungroup", null, true);
    var groupPick = pickRow(field("groupIds").closest(".form-row").next(), t("pickGroups"), "fa-object-group", null, true);
    var view = new CameraView(field("camera").closest(".form-row"), {
        cameraId: function () { return field("camera").val(); },
        highlighted: function () { return idsOf(field("areaIds").val()); },
        onView: function (v) {
            var areas = areaItems(v, 0), groups = groupItems(v);
            fill(areaPick, areas, idsOf(field("areaIds").val()));
            fill(groupPick, groups, idsOf(field("groupIds").val()));
            /* An empty list is no choice: only the typed field then. */
            areaPick.closest(".form-row").toggle(areas.length > 0);
            groupPick.closest(".form-row").toggle(groups.length > 0);
        }
    });
    areaPick.closest(".form-row").hide();
    groupPick.closest(".form-row").hide();
    areaPick.on("change", function () { setField("areaIds", (areaPick.val() || []).join(", ")); view.render(); });
    groupPick.on("change", function () { setField("groupIds", (groupPick.val() || []).join(", ")); });
    return [view];
}

var FORMS = { "thermometry-area": areaForm, "thermometry-group": groupForm, "thermometry-spot": spotForm, "thermometry-event": eventForm };

/* oneditprepare's part: the camera view and pick-lists of the node's form; returns what to close, or []. */
function attach(node, caps) {
    text.use(node);
    var form = FORMS[node.type];
    if (!form) { return []; }
    try {
        return form(node, caps);
    } catch (e) {
        /* The typed fields must keep working whatever happens here. */
        if (window.console) { console.warn("thermometry editor:", e); }
        return [];
    }
}

module.exports = { attach: attach, idsOf: idsOf };
