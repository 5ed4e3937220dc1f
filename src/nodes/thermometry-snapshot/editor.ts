/*
 * The snapshot node in the editor (runs in the browser): the picture options
 * (resolution, compression, channel) and the overlay of the areas.
 */
import { onadd, pickCamera } from "../shared/editor";

RED.nodes.registerType("thermometry-snapshot", {
    category: "Axis thermal",
    color: "#E9967A",
    /* Validators take (v, opt): Node-RED reads a returned string as the error only from a two-parameter validator. */
    defaults: {
        name: { value: "" },
        camera: { value: "", type: "thermometry-camera", required: true },
        resolution: { value: "", validate: function (v, opt) {
            return !v || /^\s*\d{1,4}x\d{1,4}\s*$/.test(String(v)) || "resolution: width x height, e.g. 640x480 (or empty for the camera default)";
        } },
        compression: { value: "", validate: function (v, opt) {
            return v === "" || (/^\s*\d{1,3}\s*$/.test(String(v)) && Number(v) <= 100) || "compression: a whole number from 0 to 100 (or empty)";
        } },
        channel: { value: "", validate: function (v, opt) {
            return v === "" || (/^\s*\d{1,2}\s*$/.test(String(v)) && Number(v) >= 1) || "channel: a whole number from 1 to 99 (or empty)";
        } },
        overlay: { value: false }
    },
    inputs: 1,
    outputs: 1,
    icon: "thermometry-snapshot.svg",
    paletteLabel: "snapshot",
    label: function () {
        return this.name || "thermometry snapshot";
    },
    labelStyle: function () { return this.name ? "node_label_italic" : ""; },
    onadd: onadd,
    oneditprepare: function () { pickCamera(this); }
});
