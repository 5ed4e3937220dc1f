/*
 * The settings node in the editor (runs in the browser): its properties from
 * the method table (scale, isotherm levels, guard tour), with their checks.
 */
import { defaults, onadd, prepare } from "../shared/editor";

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
    oneditprepare: function () { prepare(this); }
});
