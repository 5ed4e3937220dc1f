/*
 * The snapshot node in the editor (runs in the browser): the picture options
 * (resolution, compression, channel) and the overlay of the areas.
 */
import { onadd, pickCamera } from "../shared/editor";
import { editorProblem } from "./settings";

RED.nodes.registerType("thermometry-snapshot", {
    category: "Axis thermal",
    color: "#E9967A",
    /* Validators take (v, _opt): Node-RED reads a returned string as the error only from a two-parameter validator. */
    defaults: {
        name: { value: "" },
        camera: { value: "", type: "thermometry-camera", required: true },
        /* The rules are the runtime's own (./settings, over image.cgi's in src/api/image.ts). */
        resolution: { value: "", validate: function (v, _opt) { return editorProblem("resolution", v) || true; } },
        compression: { value: "", validate: function (v, _opt) { return editorProblem("compression", v) || true; } },
        channel: { value: "", validate: function (v, _opt) { return editorProblem("channel", v) || true; } },
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
