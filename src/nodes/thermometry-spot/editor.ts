/*
 * The spot node in the editor (runs in the browser): its properties from the
 * method table, and its form: the camera view with the spot meter, where a
 * click places the spot of "set spot" (in the coordinate system chosen).
 */
import { CameraView, channelPicker, defaults, field, onadd, operation, prepare, setField, svg, t, type NodeForm } from "../shared/editor";

const spotForm: NodeForm = function () {
    function system(): string { return field("coordinateSystem").val() === "coord_0_1" ? "coord_0_1" : "coord_neg1_1"; }
    function placing(): boolean { return operation() === "addSpotTemperature"; }
    /* API 1.3: the camera's image sources, a spot meter each. */
    const sources = channelPicker("imagesource", "imagesources");
    const view: CameraView = new CameraView(field("operation").closest(".form-row"), {
        cameraId: function () { return field("camera").val() as string | undefined; },
        onView: function (v) { sources.update(v); },
        drawing: placing,
        decorate: function (layer, u) {
            if (!placing()) { return; }
            let p: unknown;
            try { p = JSON.parse(String(field("spotCoordinates").val())); } catch { return; }
            if (!Array.isArray(p) || p.length !== 2) { return; }
            const api = system() === "coord_0_1" ? [p[0] * 2 - 1, 1 - p[1] * 2] : p;
            const c = view.toPx(api);
            svg("circle", { cx: c[0], cy: c[1], r: 8 * u, fill: "none", stroke: "#0af", "stroke-width": 3 * u, "class": "thermometry-spot-mark" }, layer);
        }
    });
    $(view.svg).on("click", function (evt) {
        if (!placing()) { return; }
        const p = view.fromEvent(evt);
        const out = system() === "coord_0_1" ? [Math.round((p[0] + 1) / 2 * 1000) / 1000, Math.round((1 - p[1]) / 2 * 1000) / 1000] : p;
        setField("spotCoordinates", JSON.stringify(out));
        view.render();
    });
    function hint(): void {
        view.box.toggleClass("thermometry-view-drawing", placing());
        view.say(placing() ? t("placeSpot") : "", true);
        view.render();
    }
    field("operation").on("change", hint);
    field("spotCoordinates").on("change keyup", function () { view.render(); });
    /* Another coordinate system: the typed point is converted, so it stays the same place on the image. */
    let shownSystem = system();
    field("coordinateSystem").on("change", function () {
        const now = system();
        if (now !== shownSystem) {
            let p: unknown;
            try { p = JSON.parse(String(field("spotCoordinates").val())); } catch { p = null; }
            if (Array.isArray(p) && p.length === 2 && p.every(function (v) { return typeof v === "number" && isFinite(v); })) {
                const round = function (v: number) { return Math.round(v * 1000) / 1000; };
                const out = now === "coord_0_1" ? [round((p[0] + 1) / 2), round((1 - p[1]) / 2)] : [round(p[0] * 2 - 1), round(1 - p[1] * 2)];
                setField("spotCoordinates", JSON.stringify(out));
            }
            shownSystem = now;
        }
        view.render();
    });
    hint();
    return [view];
};

RED.nodes.registerType("thermometry-spot", {
    category: "Axis thermal",
    color: "#E9967A",
    /* The parameters' properties and checks come from the method table; here only their first values. */
    defaults: defaults("thermometry-spot", {
        name: { value: "" },
        camera: { value: "", type: "thermometry-camera", required: true },
        operation: { value: "getSpotTemperature", required: true }
    }, {
        spotCoordinates: "[0, 0]",
        coordinateSystem: "coord_neg1_1"
    }),
    inputs: 1,
    outputs: 1,
    icon: "thermometry-spot.svg",
    paletteLabel: "spot",
    label: function () {
        return this.name || this._("thermometry.operation." + this.operation) || "thermometry spot";
    },
    labelStyle: function () { return this.name ? "node_label_italic" : ""; },
    onadd: onadd,
    oneditprepare: function () { prepare(this, spotForm); }
});
