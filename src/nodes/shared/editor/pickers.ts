/*
 * Pick-lists filled from the camera's lists (areas and groups by id and name,
 * PTZ presets) that write the very fields a user could type (runs in the
 * browser). Typed fields keep working with no camera at all.
 */
import type { Area, Group } from "../../../api/types";
import { channelKind } from "../../../api/channels";
import type { CameraView, ViewAnswer } from "./camera-view";
import { field, setField } from "./form";
import { t } from "./text";

export interface PickItem {
    value: number | string;
    text: string;
}

/** A form row holding a select, shown for `methods` only (the operation switch shows and hides .thermometry-row). */
export function pickRow(before: JQuery, label: string, icon: string, methods: string[] | null, multiple: boolean): JQuery<HTMLSelectElement> {
    const row = $('<div class="form-row thermometry-pick-row"></div>');
    if (methods) { row.addClass("thermometry-row").attr("data-methods", methods.join(" ")); }
    $('<label><i class="fa ' + icon + '"></i> </label>').append($("<span>").text(label)).appendTo(row);
    const select = $<HTMLSelectElement>(multiple ? '<select multiple size="4" style="width: 70%;"></select>' : '<select style="width: 70%;"></select>').appendTo(row);
    row.insertBefore(before);
    return select;
}

/** Fill a select with `items`, keeping what is chosen (`chosen`: a value or a list). */
export function fill(select: JQuery, items: PickItem[], chosen: unknown, prompt?: string): void {
    const keep = Array.isArray(chosen) ? chosen.map(String) : [String(chosen)];
    select.empty();
    if (prompt) { $("<option>").val("").text(prompt).appendTo(select); }
    items.forEach(function (it) {
        $("<option>").val(String(it.value)).text(it.text).prop("selected", keep.indexOf(String(it.value)) >= 0).appendTo(select);
    });
}

/** The values chosen in a multiple select. */
export function chosen(select: JQuery): string[] {
    return (select.val() as string[] | null) || [];
}

export function areaItems(view: ViewAnswer | null, preset: number): PickItem[] {
    const list: Area[] = (view && view.areas && view.areas.areaList) || [];
    return list.filter(function (a) { return !preset || !a.presetNbr || a.presetNbr === preset; })
        .map(function (a) { return { value: a.id, text: a.id + ": " + (a.name || t("noName")) + (a.presetNbr ? t("ofPreset", { nbr: a.presetNbr }) : "") }; });
}

export function groupItems(view: ViewAnswer | null): PickItem[] {
    const list: Group[] = (view && view.groups && view.groups.groupList) || [];
    return list.map(function (g) { return { value: g.id, text: g.id + ": " + (g.name || t("noName")) + " [" + (g.areaIds || []).join(", ") + "]" }; });
}

/** The preset the form names (areas of other presets are not drawn); 0 = all. */
export function formPreset(): number {
    const n = Number(field("presetNbr").val());
    return field("presetNbr").is(":visible") && Number.isInteger(n) && n > 0 ? n : 0;
}

/** The preset whose areas the image shows: the form's, else the one the PTZ head is on (0 = all, a fixed camera). */
export function shownPreset(view: CameraView): number {
    return formPreset() || (view.view && view.view.currentPreset) || 0;
}

export function findArea(view: ViewAnswer | null, id: unknown): Area | null {
    const list = (view && view.areas && view.areas.areaList) || [];
    for (let i = 0; i < list.length; i++) { if (String(list[i].id) === String(id)) { return list[i]; } }
    return null;
}

/*
 * On a PTZ camera, a list of its presets under the preset field (which it
 * writes): the image then shows the areas of the chosen preset. Hidden on a
 * fixed camera, and where the operation has no preset field.
 */
export function presetPicker(view: CameraView): { update(answer?: ViewAnswer | null): void } {
    const input = field("presetNbr");
    if (!input.length) { return { update: function () {} }; }
    const holder = input.closest(".form-row");
    const row = $('<div class="form-row thermometry-preset-row"><label><i class="fa fa-map-marker"></i> <span></span></label></div>').insertAfter(holder);
    row.find("span").text(t("preset"));
    const select = $('<select style="width: 70%;"></select>').appendTo(row);
    let presets: { nbr: number; name: string }[] = [];
    /** A camera's answer (null: none now, so no presets), or nothing to redraw with the last. */
    function update(v?: ViewAnswer | null): void {
        if (v !== undefined) {
            presets = (v && v.presets) || [];
            /* A fixed camera (it answers no presets): the typed preset field goes too, unless it holds a number to clear. */
            holder.toggleClass("thermometry-no-ptz", !!v && Array.isArray(v.presets) && v.presets.length === 0 && String(input.val() || "").trim() === "");
        }
        const current = v ? v.currentPreset : view.view && view.view.currentPreset;
        fill(select, presets.map(function (p) { return { value: p.nbr, text: p.nbr + ": " + p.name + (p.nbr === current ? t("here") : "") }; }),
            input.val(), t("everyPreset"));
        row.toggle(presets.length > 0 && holder.is(":visible"));
    }
    select.on("change", function () { setField("presetNbr", select.val()); view.render(); });
    input.on("change", function () { select.val(String(input.val())); });
    field("operation").on("change", function () { update(); });
    update();
    return { update: update };
}

/** A channel as people read it: "thermal" or "visual" where the camera's name for it says so, else "channel <n>"; its number in brackets. */
export function channelText(nbr: number, names: Record<number, string> | null | undefined): string {
    const kind = channelKind(names ? names[nbr] : undefined);
    return (kind ? t(kind === "thermal" ? "channelThermal" : "channelVisual") : t("channelNumber", { nbr: nbr })) + " (" + nbr + ")";
}

/*
 * API 1.3: a list of the camera's image sources or overlay channels
 * (getConfigurationCapabilities) under the field `param`, which it writes.
 * Hidden while the camera gives no such list (before 1.3) or the field is.
 */
export function channelPicker(param: string, list: "imagesources" | "overlayChannels"): { update(answer?: ViewAnswer | null): void } {
    const input = field(param);
    if (!input.length) { return { update: function () {} }; }
    const holder = input.closest(".form-row");
    const row = $('<div class="form-row thermometry-channel-row"><label><i class="fa fa-video-camera"></i> <span></span></label></div>').insertAfter(holder);
    row.find("span").text(t(list === "imagesources" ? "pickImageSource" : "pickOverlayChannel"));
    const select = $('<select style="width: 70%;"></select>').appendTo(row).attr("data-list", list);
    let channels: number[] = [];
    let names: Record<number, string> | null | undefined;
    function update(v?: ViewAnswer | null): void {
        if (v !== undefined) {
            const caps = (v && v.capabilities) as unknown as Record<string, unknown> | null | undefined;
            channels = caps && Array.isArray(caps[list]) ? (caps[list] as number[]) : [];
            names = v ? v.channelNames : undefined;
        }
        fill(select, channels.map(function (n) { return { value: n, text: channelText(n, names) }; }), input.val(), t("pickChannel"));
        row.toggle(channels.length > 0 && holder.is(":visible"));
    }
    select.on("change", function () { setField(param, select.val()); });
    input.on("change keyup", function () { select.val(String(input.val())); });
    field("operation").on("change", function () { update(); });
    update();
    return { update: update };
}
