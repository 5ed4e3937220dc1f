/*
 * The setup node in the editor (runs in the browser): read or apply, and for
 * apply the dry run and "remove what the document lacks" tick boxes (shown only
 * for apply). The operation names are the runtime's own (./settings).
 */
import { onadd, pickCamera } from "../shared/editor";
import { SETUP_OPERATIONS } from "./settings";

const OPERATIONS = Object.keys(SETUP_OPERATIONS);

function showApplyRows(): void {
    $(".thermometry-setup-apply-row").toggle($("#node-input-operation").val() === "apply");
}

RED.nodes.registerType("thermometry-setup", {
    category: "Axis thermal",
    color: "#E9967A",
    defaults: {
        name: { value: "" },
        camera: { value: "", type: "thermometry-camera", required: true },
        operation: {
            value: "read",
            required: true,
            validate: function (v, _opt) { return OPERATIONS.indexOf(String(v)) >= 0 || "operation: read or apply"; }
        },
        dryRun: { value: false },
        removeMissing: { value: false }
    },
    inputs: 1,
    outputs: 1,
    icon: "thermometry-setup.svg",
    paletteLabel: "setup",
    label: function () {
        if (this.name) { return this.name as string; }
        if (this.operation !== "apply") { return this._("thermometry-setup.label.readNode"); }
        return this._(this.dryRun ? "thermometry-setup.label.dryRunNode" : "thermometry-setup.label.applyNode");
    },
    labelStyle: function () { return this.name ? "node_label_italic" : ""; },
    onadd: onadd,
    oneditprepare: function () {
        pickCamera(this);
        $("#node-input-operation").on("change", showApplyRows);
        showApplyRows();
    }
});
