/*
 * The event node in the editor (runs in the browser): the events to pass,
 * the area and group id filters (typed, or picked from the camera's lists),
 * the output, the connection mode and the poll interval.
 */
import { areaItems, CameraView, cameraProblem, toggled, plantMqttProblem, chosen, DEFAULT_PREFIX, field, fill, formatProblem, groupItems, idsOf, mqttRows, type NodeForm, onadd, pickRow, prefixProblem, prepare, prepareCameraScope, setField, t } from "../shared/editor";
import { DEFAULT_POLL_S, EVENT_DEFAULTS, EVENT_SETTINGS, idsProblem, pollIntervalProblem } from "./settings";

/* The event node's id filters: pick from the lists, or type. */
const eventForm: NodeForm = function () {
    const areaPick = pickRow(field("areaIds").closest(".form-row").next(), t("pickAreas"), "fa-object-ungroup", null, true);
    const groupPick = pickRow(field("groupIds").closest(".form-row").next(), t("pickGroups"), "fa-object-group", null, true);
    const view: CameraView = new CameraView(field("camera").closest(".form-row"), {
        cameraId: function () { return field("camera").val() as string | undefined; },
        highlighted: function () { return idsOf(field("areaIds").val()); },
        /* A row of the table: that area's events pass (or no longer do). */
        table: {
            hint: function () { return t("table.toggleFilter"); },
            onPick: function (a) {
                setField("areaIds", toggled(idsOf(field("areaIds").val()), a.id).join(", "));
                fill(areaPick, areaItems(view.view, 0), idsOf(field("areaIds").val()));
                view.render();
            }
        },
        onView: function (v) {
            const areas = areaItems(v, 0), groups = groupItems(v);
            fill(areaPick, areas, idsOf(field("areaIds").val()));
            fill(groupPick, groups, idsOf(field("groupIds").val()));
            /* An empty list is no choice: only the typed field then. */
            areaPick.closest(".form-row").toggle(areas.length > 0);
            groupPick.closest(".form-row").toggle(groups.length > 0);
        }
    });
    areaPick.closest(".form-row").hide();
    groupPick.closest(".form-row").hide();
    areaPick.on("change", function () { setField("areaIds", chosen(areaPick).join(", ")); view.render(); });
    groupPick.on("change", function () { setField("groupIds", chosen(groupPick).join(", ")); });
    return [view];
};

RED.nodes.registerType("thermometry-event", {
    category: "Axis thermal",
    color: "#E9967A",
    /* Validators take (v, _opt): Node-RED reads a returned string as the error only from a two-parameter validator (a one-parameter one's string counts as valid). */
    defaults: {
        name: { value: "" },
        /* The form's camera is needed only when the node follows one camera (cameraScope "camera"). */
        camera: { value: "", type: "thermometry-camera", required: false, validate: function (v, _opt) { return cameraProblem(this.cameraScope, v) || true; } },
        cameraScope: { value: "camera" },
        cameraSet: { value: "" },
        /* A checkbox per event (EVENT_SETTINGS), ticked as the runtime's defaults say. Written out, not spread: Node-RED's tools (node-red-dev) read the property names from the source. */
        areaAlarm: { value: EVENT_DEFAULTS["area-alarm"] },
        anyArea: { value: EVENT_DEFAULTS["any-area"] },
        anyAreaOnPreset: { value: EVENT_DEFAULTS["any-area-on-preset"] },
        information: { value: EVENT_DEFAULTS.information },
        groupDeviation: { value: EVENT_DEFAULTS["group-deviation"] },
        /* The rules are the runtime's own (./settings). */
        areaIds: { value: "", validate: function (v, _opt) { return idsProblem(v, "area ids: a list such as 0, 2") || true; } },
        groupIds: { value: "", validate: function (v, _opt) { return idsProblem(v, "group ids: a list such as 1, 3") || true; } },
        output: { value: "changes" },
        mode: { value: "auto" },
        pollInterval: { value: String(DEFAULT_POLL_S), validate: function (v, _opt) { return pollIntervalProblem(v) || true; } },
        /* MQTT: off by default; the rules are the runtime's own (../shared/mqtt-topics). */
        mqtt: { value: "off", validate: function (v, _opt) { return formatProblem(v) || plantMqttProblem(this.cameraScope, v) || true; } },
        mqttPrefix: { value: DEFAULT_PREFIX, validate: function (v, _opt) { return prefixProblem(v, "mqttPrefix") || true; } }
    },
    inputs: 0,
    outputs: 1,
    icon: "thermometry-event.svg",
    paletteLabel: "event",
    label: function () {
        return this.name || "thermometry event";
    },
    labelStyle: function () { return this.name ? "node_label_italic" : ""; },
    onadd: onadd,
    oneditprepare: function () {
        prepare(this, eventForm);
        function pollRow(): void { $(".thermometry-event-poll-row").toggle($("#node-input-mode").val() !== "websocket"); }
        $("#node-input-mode").on("change", pollRow);
        pollRow();
        prepareCameraScope(this.cameraScope);
        mqttRows();
    },
    oneditsave: function () {
        const any = Object.values(EVENT_SETTINGS).some(function (p) {
            return $("#node-input-" + p).prop("checked");
        });
        if (!any) { RED.notify(this._("thermometry-event.error.noEvents"), "warning"); }
    }
});
