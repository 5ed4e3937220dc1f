/*
 * The area node in the editor (runs in the browser): its properties (the
 * method table's parameters, with their checks, from AxisThermometry.defaults)
 * and its form: the camera view with the areas drawn, the polygon editor for
 * add/update, a pick-list of the camera's areas that fills the fields, and the
 * PTZ preset picker.
 */
import {
    CameraView, PolygonEditor, channelPicker, chosen, defaults, field, fill, findArea, idsOf, onadd, operation, pickRow, prepare, presetPicker, setField, shownPreset, areaItems, t, toggled,
    type NodeForm,
} from "../shared/editor";
import type { Area } from "../../api/types";

/* Form property -> the field of a listed area that fills it. */
const AREA_FIELDS: Record<string, keyof Area> = { areaId: "id", imagesource: "imagesource", enabled: "enabled", areaName: "name", detectionType: "detectionType", measurement: "measurement",
    threshold: "threshold", delay: "delay", areaOverlay: "areaOverlay", temperatureOverlay: "temperatureOverlay", presetNbr: "presetNbr" };

const areaForm: NodeForm = function (node, caps) {
    const firstRow = $(".thermometry-row").first();
    const pickOne = pickRow(firstRow, t("area"), "fa-object-ungroup", ["updateArea"], false);
    const pickMany = pickRow(firstRow, t("areas"), "fa-object-ungroup", ["removeAreas"], true);
    /* The polygon editor comes after the view it draws on, which may render before it exists. */
    const drawing: { polygon?: PolygonEditor } = {};
    /* API 1.3: the camera's image sources (areas are drawn on the one they are made on). */
    const sources = channelPicker("imagesource", "imagesources");
    const view: CameraView = new CameraView(field("operation").closest(".form-row"), {
        cameraId: function () { return field("camera").val() as string | undefined; },
        areasShown: function (a) {
            const preset = shownPreset(view);
            if (preset && a.presetNbr && a.presetNbr !== preset) { return false; }
            /* The area being changed is the one drawn for editing. */
            return !(operation() === "updateArea" && String(a.id) === String(field("areaId").val()));
        },
        highlighted: function () { return operation() === "removeAreas" ? idsOf(field("areas").val()) : []; },
        decorate: function (layer, u) { if (drawing.polygon) { drawing.polygon.draw(layer, u); } },
        drawing: function () { return !!drawing.polygon && drawing.polygon.active(); },
        handles: function () { return drawing.polygon && drawing.polygon.active() ? drawing.polygon.points : []; },
        /* A row of the table: remove picks it among the areas to remove, else it is loaded to change. */
        table: {
            hint: function () { return operation() === "removeAreas" ? t("table.pickToRemove") : t("table.pickToUpdate"); },
            onPick: function (a) {
                if (operation() === "removeAreas") {
                    setField("areas", toggled(idsOf(field("areas").val()), a.id).join(", "));
                    fill(pickMany, areaItems(view.view, 0), idsOf(field("areas").val()));
                    view.render();
                    return;
                }
                if (operation() !== "updateArea") { field("operation").val("updateArea").trigger("change"); }
                pickOne.val(String(a.id)).trigger("change");
            }
        },
        onView: function (v) {
            fill(pickOne, areaItems(v, 0), field("areaId").val(), t("pickArea"));
            fill(pickMany, areaItems(v, 0), idsOf(field("areas").val()));
            presets.update(v);
            sources.update(v);
            checkName();
            checkScale();
        }
    });
    const presets = presetPicker(view);
    const drawn = new PolygonEditor(field("vertices"), view, function () {
        const op = operation();
        return op === "addArea" || op === "updateArea";
    }, function () { return caps(view); });
    drawing.polygon = drawn;
    pickOne.on("change", function () {
        const area = findArea(view.view, pickOne.val());
        if (!area) { return; }
        Object.keys(AREA_FIELDS).forEach(function (prop) { if (area[AREA_FIELDS[prop]] !== undefined) { setField(prop, area[AREA_FIELDS[prop]]); } });
        setField("vertices", JSON.stringify(area.vertices));
        view.render();
    });
    pickMany.on("change", function () { setField("areas", chosen(pickMany).join(", ")); view.render(); });
    /* A name another area on the camera has: said as you type, on every API version (flows that find areas by name see two). */
    const nameWarning = $('<div class="form-tips thermometry-name-warning" style="display: none; margin: 6px 0 0 104px;"></div>')
        .appendTo(field("areaName").closest(".form-row"));
    function checkName(): void {
        const op = operation();
        const name = String(field("areaName").val() ?? "").trim();
        const self = op === "updateArea" ? String(field("areaId").val()) : null;
        const list: Area[] = (view.view && view.view.areas && view.view.areas.areaList) || [];
        const same = (op === "addArea" || op === "updateArea") && name ? list.filter(function (a) { return a.name.trim() === name && String(a.id) !== self; }) : [];
        nameWarning.text(same.length ? t("nameInUse", { ids: same.map(function (a) { return a.id; }).join(", ") }) : "").toggle(same.length > 0);
    }
    /*
     * The threshold is a number in the camera's scale: the form keeps the scale it was typed in
     * (thresholdScale, set when the form holds the camera's scale) and says so when the camera's
     * scale is another now (60 typed as °C would mean 60 °F).
     */
    const typedIn = String(node.thresholdScale || "");
    const scaleWarning = $('<div class="form-tips thermometry-scale-warning" style="display: none; margin: 6px 0 0 104px;"></div>')
        .appendTo(field("threshold").closest(".form-row"));
    function checkScale(): void {
        const now = view.view && view.view.capabilities ? view.view.capabilities.currentTemperatureScale : undefined;
        const op = operation();
        const unit = function (s: string) { return s === "fahrenheit" ? "°F" : "°C"; };
        const changed = !!now && !!typedIn && now !== typedIn && (op === "addArea" || op === "updateArea");
        scaleWarning.text(changed ? t("scaleChanged", { was: unit(typedIn), now: unit(String(now)), value: String(field("threshold").val()) }) : "").toggle(changed);
        /*
         * The field's description, then its scale. Kept in data-title too: the tooltips in the camera's
         * numbers (prepare.ts) rewrite the title from data-title whenever the capabilities arrive.
         */
        const threshold = field("threshold");
        if (threshold.attr("data-described") === undefined) { threshold.attr("data-described", threshold.attr("data-title") || threshold.attr("title") || ""); }
        const described = String(threshold.attr("data-described"));
        const title = now ? (described ? described + " " : "") + t("scaleIs", { unit: unit(now) }) : described;
        threshold.attr("data-title", title).attr("title", title);
        /* Saved with the form: the scale the number is in from now on. */
        if (now) { field("thresholdScale").val(now); }
    }
    field("threshold").on("input change", checkScale);
    field("areaName").on("input change", checkName);
    field("areaId").on("change", checkName);
    field("areaId").on("change", function () { view.render(); });
    field("presetNbr").on("change", function () { view.render(); });
    field("operation").on("change", function () {
        checkName();
        checkScale();
        view.tools.find(".thermometry-polygon-tools").toggle(drawn.active());
        if (drawn.active()) { drawn.explain(); } else { view.say(""); }
        view.render();
    });
    view.tools.find(".thermometry-polygon-tools").toggle(drawn.active());
    if (drawn.active()) { drawn.explain(); }
    view.render();
    return [view, drawn];
};

RED.nodes.registerType("thermometry-area", {
    category: "Axis thermal",
    color: "#E9967A",
    /* The parameters' properties and checks come from the method table; here only their first values. */
    defaults: defaults("thermometry-area", {
        name: { value: "" },
        camera: { value: "", type: "thermometry-camera", required: true },
        operation: { value: "addArea", required: true },
        /* The camera's scale when the threshold was last saved: the form warns when the camera's is another now. */
        thresholdScale: { value: "" }
    }, {
        areaId: "",
        imagesource: "",
        enabled: true,
        areaName: "Furnace door watch",
        detectionType: "above",
        measurement: "maximum",
        threshold: "60",
        delay: "5",
        vertices: "[[-0.5,-0.5],[0.5,-0.5],[0.5,0.5],[-0.5,0.5]]",
        areaOverlay: "always",
        temperatureOverlay: true,
        presetNbr: "",
        areas: ""
    }),
    inputs: 1,
    outputs: 1,
    icon: "thermometry-area.svg",
    paletteLabel: "area",
    label: function () {
        return this.name || this._("thermometry.operation." + this.operation) || "thermometry area";
    },
    labelStyle: function () { return this.name ? "node_label_italic" : ""; },
    onadd: onadd,
    oneditprepare: function () { prepare(this, areaForm); }
});
