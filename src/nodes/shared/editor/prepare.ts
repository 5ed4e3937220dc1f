/*
 * What every node's form does as it opens (runs in the browser): the camera
 * it uses, the rows of the chosen operation, the camera's limits and scale
 * beside the fields, and the node's own view of the camera (its `form`).
 */
import { capabilities, type Capabilities, type CameraView, type FormPart } from "./camera-view";
import { cameraOf } from "./fields";
import { use } from "./text";

/*
 * A node's own part of its form (src/nodes/<node>/editor.ts): the camera view
 * and pick-lists it adds; returns what it opened (reloaded when the camera
 * changes). caps(view) gives the camera's capabilities as best known.
 */
export type NodeForm = (node: EditorNode, caps: (view: CameraView) => Capabilities | undefined) => FormPart[];

/* Capabilities of cameras, by config node id (GET axis-thermometry/capabilities/:id, or the camera view's answer). */
function loadCapabilities(cameraId: string | undefined, done: (caps: Capabilities) => void): void {
    if (!cameraId || cameraId === "_ADD_") { return; }
    if (capabilities[cameraId]) { done(capabilities[cameraId]); return; }
    $.getJSON("axis-thermometry/capabilities/" + encodeURIComponent(cameraId)).done(function (caps: Capabilities) {
        capabilities[cameraId] = caps;
        done(caps);
    }); /* not deployed yet or unreachable: the runtime checks the limits instead */
}

/* A limit of the table: a number, or a capability name resolved when the camera is known. */
function limitOf(limit: number | string, caps: Capabilities | undefined): number | undefined {
    if (typeof limit === "number") { return limit; }
    const value = caps ? (caps as Record<string, unknown>)[limit] : undefined;
    return typeof value === "number" ? value : undefined;
}

/* Placeholders with the camera's numbers, e.g. "0 to 300" for the delay. */
function showLimits(caps: Capabilities): void {
    $(".thermometry-row input[data-min], .thermometry-row input[data-max]").each(function () {
        const el = $(this);
        const lo = el.attr("data-min"), hi = el.attr("data-max");
        const loV = lo === undefined ? undefined : limitOf(/^-?\d+$/.test(lo) ? Number(lo) : lo, caps);
        const hiV = hi === undefined ? undefined : limitOf(/^-?\d+$/.test(hi) ? Number(hi) : hi, caps);
        const text = loV !== undefined && hiV !== undefined ? loV + " to " + hiV : loV !== undefined ? loV + " or more" : hiV !== undefined ? "at most " + hiV : "";
        if (text) { el.attr("placeholder", text + (el.attr("data-optional") ? ", optional" : "")); }
    });
}

/*
 * Tooltips in the camera's numbers: the method table's descriptions name the camera's limits
 * ("at most maxNameLength characters"); once the camera is known they read "at most 63
 * characters" (an offset such as minTemperature+3 worked out). The description as written is
 * kept in data-title, so another camera's numbers replace these.
 */
function showLimitTitles(caps: Capabilities): void {
    $(".thermometry-row [title]").each(function () {
        const el = $(this);
        const written = el.attr("data-title") || el.attr("title") || "";
        el.attr("data-title", written);
        el.attr("title", written.replace(/\b((?:min|max)[A-Z][A-Za-z]*)(?:\s*([+-])\s*(\d+))?/g, function (whole: string, name: string, sign?: string, n?: string) {
            const value = (caps as Record<string, unknown>)[name];
            if (typeof value !== "number") { return whole; }
            return String(sign ? (sign === "+" ? value + Number(n) : value - Number(n)) : value);
        }));
    });
}

/* Temperature fields say the camera's scale ("°C", "°F") once it is known. */
function showUnit(caps: Capabilities): void {
    const scale = caps && caps.currentTemperatureScale;
    const unit = scale === "celsius" ? "°C" : scale === "fahrenheit" ? "°F" : null;
    if (unit) { $(".thermometry-unit").text(unit); }
}

/* The one thermometry camera of the workspace, or undefined when there are none or several. */
function onlyCamera(): string | undefined {
    const ids: string[] = [];
    RED.nodes.eachConfig(function (c) {
        if (c.type === "thermometry-camera") { ids.push(c.id); }
    });
    return ids.length === 1 ? ids[0] : undefined;
}

/** onadd: a node dropped while exactly one camera exists uses it, ready to deploy. */
export function onadd(this: EditorNode): void {
    if (!this.camera) {
        const id = onlyCamera();
        if (id) { this.camera = id; }
    }
}

/** oneditprepare: a node opened with no camera while exactly one exists gets that one (Node-RED would show "none"). */
export function pickCamera(node: EditorNode): void {
    const select = $("#node-input-camera");
    const value = select.val();
    if (!node.camera && (!value || value === "_ADD_")) {
        const only = onlyCamera();
        if (only) { select.val(only).trigger("change"); }
    }
}

/* The node's own form; the typed fields must keep working whatever happens there. */
function attach(node: EditorNode, form: NodeForm | undefined, caps: (view: CameraView) => Capabilities | undefined): FormPart[] {
    use(node);
    if (!form) { return []; }
    try {
        return form(node, caps);
    } catch (e) {
        if (window.console) { console.warn("thermometry editor:", e); }
        return [];
    }
}

/** oneditprepare: the node's own form (camera view, pick-lists), and the rows of the chosen operation only. */
export function prepare(node: EditorNode, form?: NodeForm): void {
    pickCamera(node);
    const opened = attach(node, form, function (view) { return (view.view && view.view.capabilities) || capabilities[cameraOf(node) || ""]; });
    const select = $("#node-input-operation");
    function update(): void {
        const op = select.val();
        $(".thermometry-row").each(function () {
            const methods = String($(this).attr("data-methods") || "").split(" ");
            $(this).toggle(methods.indexOf(String(op)) >= 0);
        });
    }
    select.on("change", update);
    update();
    /* Ranges from the chosen camera, when it is deployed. */
    const camera = $("#node-input-camera");
    function limits(): void { loadCapabilities(camera.val() as string | undefined, function (caps) { showLimits(caps); showUnit(caps); showLimitTitles(caps); }); }
    camera.on("change", function () {
        limits();
        opened.forEach(function (part) { if (part.load) { part.load(); } });
    });
    limits();
}
