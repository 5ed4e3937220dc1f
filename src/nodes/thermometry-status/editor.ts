/*
 * The status node in the editor (runs in the browser): the operation (area or
 * group status), the poll interval, "only changes" with its step, the topic.
 */
import { onadd, prepare } from "../shared/editor";

RED.nodes.registerType("thermometry-status", {
    category: "Axis thermal",
    color: "#E9967A",
    /* Validators take (v, opt): Node-RED reads a returned string as the error only from a two-parameter validator (a one-parameter one's string counts as valid). */
    defaults: {
        name: { value: "" },
        camera: { value: "", type: "thermometry-camera", required: true },
        operation: { value: "getAreaStatus", required: true },
        interval: { value: "0", validate: function (v, opt) {
            return v === "" || (Number(v) === 0 || (Number(v) >= 0.5 && Number(v) <= 86400)) || "interval: 0 (only on input) or 0.5 to 86400 seconds";
        } },
        onlyChanges: { value: false },
        step: { value: "1", validate: function (v, opt) {
            return v === "" || (isFinite(Number(v)) && Number(v) >= 0) || "step: degrees, 0 or more";
        } },
        topic: { value: "" }
    },
    inputs: 1,
    outputs: 1,
    icon: "thermometry-status.svg",
    paletteLabel: "status",
    label: function () {
        return this.name || this._("thermometry.operation." + this.operation) || "thermometry status";
    },
    labelStyle: function () { return this.name ? "node_label_italic" : ""; },
    onadd: onadd,
    oneditprepare: function () {
        prepare(this);
        function step(): void { $(".thermometry-step-row").toggle($("#node-input-onlyChanges").prop("checked")); }
        $("#node-input-onlyChanges").on("change", step);
        step();
    }
});
