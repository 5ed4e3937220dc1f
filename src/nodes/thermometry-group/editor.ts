/*
 * The group node in the editor (runs in the browser): its properties from the
 * method table, and its form: the camera view, a pick-list of the camera's
 * groups that fills the fields, the member areas picked from the camera's
 * list, and the PTZ preset picker.
 */
import {
    CameraView, areaItems, chosen, defaults, field, fill, formPreset, groupItems, idsOf, onadd, operation, pickRow, prepare, presetPicker, setField, shownPreset, t, toggled,
    type NodeForm,
} from "../shared/editor";
import type { Group } from "../../api/types";

/* Form property -> the field of a listed group that fills it. */
const GROUP_FIELDS: Record<string, keyof Group> = { groupId: "id", enabled: "enabled", groupName: "name", measurement: "measurement", threshold: "threshold", delay: "delay", groupOverlay: "groupOverlay" };

const groupForm: NodeForm = function () {
    const firstRow = $(".thermometry-row").first();
    const pickGroup = pickRow(firstRow, t("group"), "fa-object-group", ["updateGroup", "removeGroup"], false);
    const members = pickRow(field("areaIds").closest(".form-row"), t("members"), "fa-object-ungroup", ["addGroup", "updateGroup"], true);
    const view: CameraView = new CameraView(field("operation").closest(".form-row"), {
        cameraId: function () { return field("camera").val() as string | undefined; },
        areasShown: function (a) { const p = shownPreset(view); return !p || !a.presetNbr || a.presetNbr === p; },
        highlighted: function () { const op = operation(); return op === "addGroup" || op === "updateGroup" ? idsOf(field("areaIds").val()) : []; },
        /* A row of the table: with add or update group, in or out of the group; else it lights up. */
        table: {
            hint: function () { const op = operation(); return op === "addGroup" || op === "updateGroup" ? t("table.toggleMember") : t("table.light"); },
            onPick: function (a) {
                const op = operation();
                if (op !== "addGroup" && op !== "updateGroup") { view.mark(a.id); return; }
                setField("areaIds", toggled(idsOf(field("areaIds").val()), a.id).join(", "));
                fill(members, areaItems(view.view, formPreset()), idsOf(field("areaIds").val()));
                view.render();
            }
        },
        onView: function (v) {
            fill(pickGroup, groupItems(v), field("groupId").val(), t("pickGroup"));
            fill(members, areaItems(v, formPreset()), idsOf(field("areaIds").val()));
            presets.update(v);
        }
    });
    const presets = presetPicker(view);
    pickGroup.on("change", function () {
        const list = (view.view && view.view.groups && view.view.groups.groupList) || [];
        const g = list.filter(function (x) { return String(x.id) === pickGroup.val(); })[0];
        if (!g) { return; }
        if (operation() === "removeGroup") { setField("groupId", g.id); return; }
        Object.keys(GROUP_FIELDS).forEach(function (prop) { if (g[GROUP_FIELDS[prop]] !== undefined) { setField(prop, g[GROUP_FIELDS[prop]]); } });
        setField("areaIds", (g.areaIds || []).join(", "));
        fill(members, areaItems(view.view, formPreset()), g.areaIds || []);
        view.render();
    });
    members.on("change", function () { setField("areaIds", chosen(members).join(", ")); view.render(); });
    field("areaIds").on("change", function () { view.render(); });
    return [view];
};

RED.nodes.registerType("thermometry-group", {
    category: "Axis thermal",
    color: "#E9967A",
    /* The parameters' properties and checks come from the method table; here only their first values. */
    defaults: defaults("thermometry-group", {
        name: { value: "" },
        camera: { value: "", type: "thermometry-camera", required: true },
        operation: { value: "listGroups", required: true }
    }, {
        groupId: "1",
        enabled: true,
        groupName: "Group 1",
        measurement: "maximum",
        threshold: "5",
        delay: "5",
        areaIds: "0, 1",
        groupOverlay: true,
        presetNbr: ""
    }),
    inputs: 1,
    outputs: 1,
    icon: "thermometry-group.svg",
    paletteLabel: "group",
    label: function () {
        return this.name || this._("thermometry.operation." + this.operation) || "thermometry group";
    },
    labelStyle: function () { return this.name ? "node_label_italic" : ""; },
    onadd: onadd,
    oneditprepare: function () { prepare(this, groupForm); }
});
