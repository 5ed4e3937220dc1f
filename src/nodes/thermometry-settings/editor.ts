/*
 * The settings node in the editor (runs in the browser): its properties from
 * the method table (scale, isotherm levels, guard tour, overlay channels), with
 * their checks, and pick-lists of the camera's image sources and overlay
 * channels (API 1.3).
 */
import { cameraSettings, channelPicker, defaults, field, onadd, post, prepare, type NodeForm } from "../shared/editor";

const settingsForm: NodeForm = function () {
    const sources = channelPicker("imagesource", "imagesources");
    const overlays = channelPicker("overlayChannel", "overlayChannels");
    function load(): void {
        const id = field("camera").val() as string | undefined;
        if (!id || id === "_ADD_" || !RED.nodes.node(id)) { sources.update(null); overlays.update(null); return; }
        post("axis-thermometry/camera/" + encodeURIComponent(id) + "/view", { camera: cameraSettings(id) }, false, function (err, v) {
            sources.update(err ? null : v);
            overlays.update(err ? null : v);
        });
    }
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
        operation: { value: "getConfigurationCapabilities", required: true }
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
