/*
 * The settings node in the editor (runs in the browser): its properties from
 * the method table (scale, isotherm levels, guard tour, overlay channels), with
 * their checks, pick-lists of the camera's image sources and overlay channels
 * (API 1.3), and the picture's settings: the palettes the camera offers (set
 * palette), what the camera uses now (palette, scale, isotherm levels), a
 * colour strip of the isotherm levels as typed with the camera's own marked,
 * and every unit label in the camera's scale as read now.
 */
import { capabilities, cameraSettings, channelPicker, defaults, field, onadd, post, prepare, t, type NodeForm } from "../shared/editor";

/** POST .../camera/:id/palette (palette-routes.ts). */
interface PaletteAnswer {
    palette: string | null;
    palettes: string[];
    isothermal: boolean | null;
    scale: "celsius" | "fahrenheit" | null;
    isotherms: { high?: number; middle?: number; low?: number; min?: number } | null;
}

/* The bands of an isothermal palette, coolest first: below low, low to middle, middle to high, above high. */
const BANDS = ["#4b4b8f", "#f2d21b", "#f28c1b", "#e5322d"];

function unitOf(scale: string | null | undefined): string { return scale === "fahrenheit" ? "°F" : scale === "celsius" ? "°C" : "°"; }

const settingsForm: NodeForm = function (node) {
    const sources = channelPicker("imagesource", "imagesources");
    const overlays = channelPicker("overlayChannel", "overlayChannels");
    const now = $(".thermometry-palette-now");
    const select = field("palette");
    const saved = String(node.palette || "");
    let answer: PaletteAnswer | null = null;
    let reads = 0;

    /* The strip, after the last isotherm field: one band per level range, the camera's levels marked. */
    const lastLevel = (field("min").length ? field("min") : field("low")).closest(".form-row");
    const strip = $('<div class="form-row thermometry-row thermometry-isotherm-strip" data-methods="setIsothermLevels"></div>').insertAfter(lastLevel);

    function fillPalettes(list: string[]): void {
        const chosen = String(select.val() || saved);
        select.empty();
        list.forEach(function (p) { $("<option>").val(p).text(p).appendTo(select); });
        if (chosen && list.indexOf(chosen) < 0) { $("<option>").val(chosen).text(list.length ? t("palette.notOffered", { palette: chosen }) : chosen).prependTo(select); }
        select.val(chosen || list[0] || "");
    }

    function drawStrip(): void {
        strip.empty();
        const typed = ["min", "low", "middle", "high"].map(function (k) { const v = String(field(k).val() ?? "").trim(); return v === "" ? NaN : Number(v); });
        const [min, low, middle, high] = typed;
        if (![low, middle, high].every(isFinite) || !(low < middle && middle < high)) { strip.hide(); return; }
        const camera = answer && answer.isotherms ? answer.isotherms : null;
        const marks = camera ? [camera.low, camera.middle, camera.high].filter(function (v): v is number { return typeof v === "number"; }) : [];
        const span = high - low;
        const from = Math.min(isFinite(min) ? min : low - span / 2, ...marks);
        const to = Math.max(high + span / 2, ...marks);
        const pos = function (v: number): number { return (v - from) / (to - from) * 100; };
        const unit = unitOf(answer && answer.scale);
        const bar = $('<div style="position: relative; height: 18px; margin: 2px 0 14px 104px; width: 60%; border: 1px solid var(--red-ui-form-input-border-color, #ccc);"></div>').appendTo(strip);
        [[from, low], [low, middle], [middle, high], [high, to]].forEach(function (range, i) {
            $("<div>").css({ position: "absolute", top: 0, bottom: 0, left: pos(range[0]) + "%", width: (pos(range[1]) - pos(range[0])) + "%", background: BANDS[i] }).appendTo(bar);
        });
        [low, middle, high].forEach(function (v) {
            $('<span class="thermometry-strip-level"></span>').text(v + " " + unit).css({ position: "absolute", top: "19px", left: pos(v) + "%", transform: "translateX(-50%)", "font-size": "11px" }).appendTo(bar);
        });
        marks.forEach(function (v) {
            $('<span class="thermometry-strip-camera" title="the camera\'s level now">▲</span>').css({ position: "absolute", top: "-13px", left: pos(v) + "%", transform: "translateX(-50%)", "font-size": "12px", color: "var(--red-ui-primary-text-color, #333)" }).appendTo(bar);
        });
        $('<div class="form-tips" style="margin: 16px 0 0 104px; width: 60%;"></div>').text(t("palette.strip", { unit: unit })).appendTo(strip);
        strip.toggle(String(field("operation").val()) === "setIsothermLevels");
    }

    function showNow(): void {
        if (!answer) { return; }
        const iso = answer.isotherms;
        const unit = unitOf(answer.scale);
        const levels = iso && typeof iso.high === "number" ? [iso.low, iso.middle, iso.high].join(" / ") + " " + unit : t("palette.noLevels");
        now.text(t("palette.now", { palette: (answer.palette || "?") + (answer.isothermal ? t("palette.isothermal") : ""), scale: answer.scale || "?", levels: levels }));
        /* Every unit label in the camera's scale as read now (the capabilities read earlier may hold the scale before a change). */
        if (answer.scale) { $(".thermometry-unit").text(unit); }
    }

    function load(): void {
        const id = field("camera").val() as string | undefined;
        const read = ++reads;
        answer = null;
        now.text("");
        if (!id || id === "_ADD_" || !RED.nodes.node(id)) { sources.update(null); overlays.update(null); fillPalettes([]); drawStrip(); return; }
        const body = { camera: cameraSettings(id) };
        post("axis-thermometry/camera/" + encodeURIComponent(id) + "/view", body, false, function (err, v) {
            sources.update(err ? null : v);
            overlays.update(err ? null : v);
        });
        post("axis-thermometry/camera/" + encodeURIComponent(id) + "/palette", body, false, function (err, a) {
            if (read !== reads) { return; }
            if (err || !a) { now.text(t("palette.unread", { reason: err })); fillPalettes([]); drawStrip(); return; }
            answer = a as unknown as PaletteAnswer;
            if (answer.scale && capabilities[id]) { capabilities[id].currentTemperatureScale = answer.scale; }
            fillPalettes(answer.palettes || []);
            showNow();
            drawStrip();
        });
    }
    fillPalettes([]);
    ["min", "low", "middle", "high"].forEach(function (k) { field(k).on("input change", drawStrip); });
    field("operation").on("change", drawStrip);
    /* The scale the camera shows after its units were filled in from older capabilities. */
    field("camera").on("change", function () { setTimeout(showNow, 0); });
    load();
    return [{ load: load }];
};

RED.nodes.registerType("thermometry-settings", {
    category: "Axis thermal",
    color: "#E9967A",
    /* The parameters' properties and checks come from the method table; here only their first values. */
    defaults: defaults("thermometry-settings", {
        name: { value: "" },
        camera: { value: "", type: "thermometry-camera", required: true },
        operation: { value: "getConfigurationCapabilities", required: true },
        /* set palette (param.cgi, not the method table): a name the camera offers; the runtime checks it with the camera. */
        palette: { value: "" }
    }, {
        unit: "celsius",
        high: "100",
        middle: "60",
        low: "30",
        min: "",
        renderOverlay: true,
        pauseOnAlarm: true,
        autoResume: true
    }),
    inputs: 1,
    outputs: 1,
    icon: "thermometry-settings.svg",
    paletteLabel: "settings",
    label: function () {
        return this.name || this._("thermometry.operation." + this.operation) || "thermometry settings";
    },
    labelStyle: function () { return this.name ? "node_label_italic" : ""; },
    onadd: onadd,
    oneditprepare: function () { prepare(this, settingsForm); }
});
