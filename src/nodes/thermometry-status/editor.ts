/*
 * The status node in the editor (runs in the browser): the operation (area or
 * group status), the poll interval, "only changes" with its step, the topic,
 * and MQTT (the topic tree, Home Assistant discovery, commands).
 */
import {
    CameraView, cameraProblem, plantMqttProblem, DEFAULT_DISCOVERY_PREFIX, DEFAULT_PREFIX, field, formatProblem, mqttRows, onadd, prefixProblem, prepare, prepareCameraScope, t, type NodeForm,
} from "../shared/editor";
import { intervalProblem, stepProblem } from "./settings";

/* The camera the node reads: its live picture and its areas with their temperatures; a row clicked lights its area up. */
const statusForm: NodeForm = function () {
    const view: CameraView = new CameraView(field("operation").closest(".form-row"), {
        cameraId: function () { return field("camera").val() as string | undefined; },
        table: { hint: function () { return t("table.light"); } }
    });
    return [view];
};

RED.nodes.registerType("thermometry-status", {
    category: "Axis thermal",
    color: "#E9967A",
    /* Validators take (v, _opt): Node-RED reads a returned string as the error only from a two-parameter validator (a one-parameter one's string counts as valid). */
    defaults: {
        name: { value: "" },
        /* The form's camera is needed only when the node follows one camera (cameraScope "camera"). */
        camera: { value: "", type: "thermometry-camera", required: false, validate: function (v, _opt) { return cameraProblem(this.cameraScope, v) || true; } },
        cameraScope: { value: "camera" },
        cameraSet: { value: "" },
        operation: { value: "getAreaStatus", required: true },
        /* The rules are the runtime's own (./settings). */
        interval: { value: "0", validate: function (v, _opt) { return intervalProblem(v) || true; } },
        onlyChanges: { value: false },
        step: { value: "1", validate: function (v, _opt) { return stepProblem(v) || true; } },
        topic: { value: "" },
        /* MQTT: off by default; the rules are the runtime's own (../shared/mqtt-topics). Commands: none ticked. */
        mqtt: { value: "off", validate: function (v, _opt) { return formatProblem(v) || plantMqttProblem(this.cameraScope, v) || true; } },
        mqttPrefix: { value: DEFAULT_PREFIX, validate: function (v, _opt) { return prefixProblem(v, "mqttPrefix") || true; } },
        mqttSpot: { value: false },
        mqttDiscovery: { value: false },
        mqttDiscoveryPrefix: { value: DEFAULT_DISCOVERY_PREFIX, validate: function (v, _opt) { return prefixProblem(v, "mqttDiscoveryPrefix") || true; } },
        mqttSetThreshold: { value: false },
        mqttSetDelay: { value: false },
        mqttSetEnabled: { value: false }
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
        prepare(this, statusForm);
        function step(): void { $(".thermometry-step-row").toggle($("#node-input-onlyChanges").prop("checked")); }
        $("#node-input-onlyChanges").on("change", step);
        step();
        prepareCameraScope(this.cameraScope);
        mqttRows();
    }
});
