/*
 * The camera in a node's form (runs in the browser): its snapshot with every
 * area drawn over it (SVG over the <img>), refreshed every few seconds while
 * the form is open, and a line that says what the camera answered. Reads the
 * camera through the admin routes of the camera node (admin-routes.ts), with
 * the settings the editor holds, so a camera not yet deployed shows too.
 *
 * Coordinates are the API's: x right, y up, -1..1 over the whole image (the
 * snapshot is unrotated and unmirrored).
 */
import type { Area, AreaStatus, ConfigurationCapabilities, Group, Point, SpotTemperature } from "../../../api/types";
import type { PtzPreset } from "../../../api/ptz";
import { t } from "./text";
import { AreaTable, type AreaTableOptions } from "./area-table";
import { LiveStream, VIEW_SIZES, adminRequest, saveViewPrefs, viewPrefs, type LiveState } from "./live-view";

const REFRESH_MS = 5000;
/** Capabilities of the cameras seen, by config node id: the field validators use them too. */
export type Capabilities = Partial<ConfigurationCapabilities>;
export const capabilities: Record<string, Capabilities> = {};
const SVG_NS = "http://www.w3.org/2000/svg";
/* Shown before the first snapshot (and when there is none): the image's shape. */
const DEFAULT_SIZE = { width: 640, height: 480 };

/** POST /axis-thermometry/camera/:id/view: each part, or null when the camera lacks it. */
export interface ViewAnswer {
    camera: string;
    version: string;
    capabilities?: Capabilities | null;
    areas?: { areaList?: Area[] } | null;
    areaStatus?: { areaList?: AreaStatus[] } | null;
    groups?: { groupList?: Group[] } | null;
    spot?: Partial<SpotTemperature> | null;
    presets?: PtzPreset[] | null;
    currentPreset?: number | null;
    /** API 1.3: param.cgi's names of the channels (Image.I<n>.Name), for the channel pick-lists' labels. */
    channelNames?: Record<number, string> | null;
}

/*
 * The config node's settings as the editor holds them; credentials only when typed in this session ("__PWRD__" = the stored one).
 * Never the CA file's path: the routes take no path (the file is read at deploy; settings without a pasted CA mean the deployed file).
 */
export function cameraSettings(id: string): Record<string, string> | undefined {
    const cfg = RED.nodes.node(id);
    if (!cfg) { return undefined; }
    const out: Record<string, string> = {};
    ["host", "port", "protocol", "tls", "caPem", "apiVersion", "timeout", "httpClient"].forEach(function (k) {
        if (cfg[k] !== undefined && cfg[k] !== null) { out[k] = String(cfg[k]); }
    });
    const creds = cfg.credentials || {};
    if (creds.username) { out.username = creds.username; }
    if (creds.password) { out.password = creds.password; }
    return out;
}

type Answer<T> = (error: string | null, answer?: T) => void;

/*
 * POST to an admin route with Node-RED's own request settings (its base URL
 * and the editor's token); done(error, answer). A blob for the snapshot.
 */
export function post(path: string, body: unknown, binary: true, done: Answer<Blob>): void;
export function post(path: string, body: unknown, binary: false, done: Answer<ViewAnswer>): void;
export function post(path: string, body: unknown, binary: boolean, done: Answer<any>): void {
    const { url, headers } = adminRequest(path);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    Object.keys(headers).forEach(function (k) { xhr.setRequestHeader(k, headers[k]); });
    xhr.setRequestHeader("Content-Type", "application/json");
    xhr.responseType = binary ? "blob" : "text";
    xhr.onload = function () {
        if (xhr.status === 200) {
            if (binary) { done(null, xhr.response); return; }
            try { done(null, JSON.parse(xhr.responseText)); } catch { done("unreadable answer"); }
            return;
        }
        const reason = function (text: string) {
            let said: string | undefined;
            try { said = JSON.parse(text).error; } catch { said = undefined; }
            if (!said) { said = xhr.status === 401 ? "sign in to Node-RED again" : xhr.status === 403 ? "you may not read the camera (permission thermometry-camera.read)" : "HTTP " + xhr.status; }
            done(said);
        };
        if (binary && xhr.response && typeof xhr.response.text === "function") {
            (xhr.response as Blob).text().then(reason, function () { reason(""); });
        } else {
            reason(binary ? "" : xhr.responseText);
        }
    };
    xhr.onerror = function () { done("Node-RED did not answer"); };
    xhr.send(JSON.stringify(body || {}));
}

export function svg(tag: string, attrs?: Record<string, string | number>, parent?: Element): SVGElement {
    const el = document.createElementNS(SVG_NS, tag) as SVGElement;
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, String(attrs![k])); });
    if (parent) { parent.appendChild(el); }
    return el;
}

const STYLE = [
    ".thermometry-view { margin-bottom: 12px; }",
    ".thermometry-view-line { display: flex; align-items: center; gap: 8px; min-height: 24px; color: var(--red-ui-secondary-text-color, #555); font-size: 12px; }",
    ".thermometry-view-line .thermometry-view-state { flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }",
    ".thermometry-view-line.thermometry-view-failed .thermometry-view-state { color: var(--red-ui-text-color-error, #d6615f); }",
    ".thermometry-view-image { position: relative; width: 100%; max-width: 640px; aspect-ratio: 4 / 3; margin-top: 4px; overflow: hidden; user-select: none;",
    "  border: 1px solid var(--red-ui-form-input-border-color, #ccc); border-radius: 2px;",
    "  background: var(--red-ui-secondary-background, #f3f3f3) repeating-linear-gradient(45deg, transparent 0 10px, rgba(128,128,128,0.08) 10px 20px); }",
    ".thermometry-view-picture { display: inline-flex; align-items: center; gap: 4px; white-space: nowrap; }",
    ".thermometry-view-picture select { width: auto; height: 24px; padding: 0 4px; font-size: 12px; }",
    ".thermometry-view-live.thermometry-view-on, .thermometry-view-live.thermometry-view-on i { color: #e5322d; }",
    ".thermometry-view-image img { position: absolute; left: 0; top: 0; width: 100%; height: 100%; display: block; }",
    ".thermometry-view-image svg { position: absolute; left: 0; top: 0; width: 100%; height: 100%; }",
    ".thermometry-view-image.thermometry-view-drawing svg { cursor: crosshair; }",
    ".thermometry-view-tools { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-top: 6px; font-size: 12px; color: var(--red-ui-secondary-text-color, #555); }",
    ".thermometry-view-message { margin-top: 4px; min-height: 16px; font-size: 12px; color: var(--red-ui-text-color-error, #d6615f); }",
    ".thermometry-view-message.thermometry-view-info { color: var(--red-ui-secondary-text-color, #555); }",
    ".thermometry-pick-row select[multiple] { height: auto; }",
    ".form-row.thermometry-no-ptz { display: none !important; }",
    ".thermometry-view svg text { font: 600 13px sans-serif; paint-order: stroke; stroke: #000; stroke-width: 3px; fill: #fff; pointer-events: none; }"
].join("\n");

function addStyle(): void {
    if (document.getElementById("thermometry-view-style")) { return; }
    $("<style>", { id: "thermometry-view-style" }).text(STYLE).appendTo("head");
}

function round(v: number): number { return Math.round(v * 1000) / 1000; }
function clamp(v: number): number { return Math.max(-1, Math.min(1, v)); }

/** left, top, right, bottom in image pixels. */
type Box = [number, number, number, number];
interface Label { lines: string[]; box: Box }

/*
 * An area's label: id, name, then the number the camera itself shows on the area (its own
 * measure: max, min or avg, as set) and the others, each named, so the burned-in number and
 * the label's agree.
 */
function areaLabel(a: Area, s: AreaStatus | undefined, deg: string): string[] {
    const head = "#" + a.id + " " + (a.name || "");
    if (!s) { return [head]; }
    const own = a.measurement === "minimum" ? "min" : a.measurement === "average" ? "avg" : "max";
    const value: Record<string, number> = { max: s.max, min: s.min, avg: s.avg };
    const others = ["max", "avg"].filter((k) => k !== own).map((k) => k + " " + value[k]).join(" / ");
    return [head, own + " " + value[own] + " " + deg + " " + t("measured") + (others ? " · " + others : "")];
}

function overlaps(a: Box, b: Box): boolean { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }

/*
 * Where each label goes: above its area, else below it, else further down in steps, on the
 * image, over no label placed before and no handle of the polygon being drawn. The width is
 * estimated from the text (13 px bold sans: about 7.4 px a character).
 */
function placeLabels(labels: Label[], handles: Box[], size: { width: number; height: number }, u: number): { lines: string[]; x: number; y: number }[] {
    const taken: Box[] = handles.slice();
    const line = 16 * u;
    return labels.map((l) => {
        const w = Math.min(Math.max(...l.lines.map((s) => s.length)) * 8 * u, size.width - 8 * u);
        const h = l.lines.length * line;
        const x = Math.max(4 * u, Math.min(l.box[0], size.width - w - 4 * u));
        /* y: the label's top. Above the area, below it, then down and up in steps. */
        const tries: number[] = [l.box[1] - h - 2 * u, l.box[3] + 2 * u];
        for (let y = l.box[1]; y < size.height; y += line) { tries.push(y); }
        for (let y = l.box[1] - h - line; y > 0; y -= line) { tries.push(y); }
        const fit = (v: number) => Math.max(2 * u, Math.min(v, size.height - h - 2 * u));
        let y = tries.map(fit).find((v) => !taken.some((b) => overlaps(b, [x, v, x + w, v + h])));
        if (y === undefined) { y = fit(l.box[1] - h - 2 * u); }
        taken.push([x, y, x + w, y + h]);
        return { lines: l.lines, x: x, y: y };
    });
}

export interface CameraViewOptions {
    /** The chosen camera config node's id. */
    cameraId(): string | undefined;
    /** Filter of the areas to draw (default: all). */
    areasShown?(area: Area): boolean;
    /** Ids of the areas to light up. */
    highlighted?(): number[];
    /** Draws the node's own layer (editable polygon, spot...); u = image pixels per screen pixel. */
    decorate?(layer: SVGElement, u: number): void;
    /** Called with each new answer (lists for the pick-lists). */
    /** The camera's answer; null when there is none (no camera, another camera being read, or it failed): lists made from it empty. */
    onView?(view: ViewAnswer | null): void;
    /** Whether the form draws on the image now (then the image box shows even with no camera). */
    drawing?(): boolean;
    /** The corners of the polygon being drawn (API points): labels keep clear of them. */
    handles?(): readonly (readonly number[])[];
    /** The table of the camera's areas beside the picture, with what a click on a row does (none: it lights the area up). */
    table?: AreaTableOptions;
}

/** Something a form opened that it may reload when the camera changes. */
export interface FormPart {
    load?(): void;
    close?(): void;
}

/** The view in the form, placed after `anchor` (a form row). */
export class CameraView implements FormPart {
    options: CameraViewOptions;
    view: ViewAnswer | null = null;
    size = { width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height };
    root: JQuery;
    line: JQuery;
    retry: JQuery;
    box: JQuery;
    img: JQuery<HTMLImageElement>;
    svg: SVGElement;
    tools: JQuery;
    message: JQuery;
    /** The camera's areas with live temperatures, beside the picture (forms that ask for it). */
    table: AreaTable | null = null;
    /** Areas lit by a click on the table where the form gives the click no other meaning. */
    marked: number[] = [];
    private timer: ReturnType<typeof setInterval>;
    /** Checks often whether the form is still open: the live stream must stop when it closes. */
    private alive: ReturnType<typeof setInterval>;
    private readonly onEditorClose: () => void;
    /** The live picture (the camera's Motion JPEG stream), when the user wants it. */
    private live: LiveStream;
    /** Why the live picture is not playing (it failed), or null. */
    private liveProblem: string | null = null;
    private liveFor: string | null = null;
    private liveButton: JQuery;
    private sizeSelect: JQuery;
    private closed = false;
    private objectUrl: string | null = null;
    /** The camera whose answer is shown (view, picture, lists), and the one being read. */
    private shownFor: string | null = null;
    private loadingFor: string | null = null;
    /** Each read's number: an answer for an earlier read (another camera) is dropped. */
    private reads = 0;
    /** Whether the form's lists hold a camera's answer (the form builds them after the view: none to empty before). */
    private listed = false;

    constructor(anchor: JQuery, options: CameraViewOptions) {
        addStyle();
        this.options = options;
        this.root = $('<div class="form-row thermometry-view"></div>').insertAfter(anchor);
        this.line = $('<div class="thermometry-view-line"><i class="fa fa-video-camera"></i><span class="thermometry-view-state"></span></div>').appendTo(this.root);
        /* The picture: live or a still every few seconds, at the size the user picks (kept for every form). */
        const prefs = viewPrefs();
        const picture = $('<span class="thermometry-view-picture"></span>').appendTo(this.line);
        this.liveButton = $('<button type="button" class="red-ui-button red-ui-button-small thermometry-view-live"></button>')
            .appendTo(picture).on("click", (e) => { e.preventDefault(); this.setLive(!viewPrefs().live); });
        this.sizeSelect = $('<select class="thermometry-view-size"></select>').appendTo(picture);
        Object.keys(VIEW_SIZES).forEach((size) => { $("<option>").val(size).text(t("size." + size)).appendTo(this.sizeSelect); });
        this.sizeSelect.val(prefs.size).attr("title", t("sizeTip")).on("change", () => {
            saveViewPrefs({ ...viewPrefs(), size: String(this.sizeSelect.val()) });
            this.applySize();
            this.render();
        });
        this.retry = $('<button type="button" class="red-ui-button red-ui-button-small thermometry-view-retry"></button>')
            .appendTo(this.line).on("click", (e) => { e.preventDefault(); this.liveProblem = null; this.load(); });
        const main = $('<div class="thermometry-view-main"></div>').appendTo(this.root);
        this.box = $('<div class="thermometry-view-image"></div>').appendTo(main);
        if (options.table) {
            const own = options.table;
            this.table = new AreaTable(main, {
                hint: own.hint,
                onPick: own.onPick || ((a) => { this.mark(a.id); })
            });
        }
        this.img = $<HTMLImageElement>('<img alt="">').appendTo(this.box).hide();
        this.svg = svg("svg", { viewBox: "0 0 " + this.size.width + " " + this.size.height, preserveAspectRatio: "none" });
        this.box.append(this.svg);
        this.tools = $('<div class="thermometry-view-tools"></div>').appendTo(this.root);
        this.message = $('<div class="thermometry-view-message"></div>').appendTo(this.root);
        this.img.on("load", (evt) => {
            const img = evt.currentTarget as HTMLImageElement;
            const w = img.naturalWidth, h = img.naturalHeight;
            if (w && h && (w !== this.size.width || h !== this.size.height)) {
                this.size = { width: w, height: h };
                this.box.css("aspect-ratio", w + " / " + h);
                this.svg.setAttribute("viewBox", "0 0 " + w + " " + h);
                this.render();
            }
        });
        this.live = new LiveStream(this.img[0], (state, reason) => this.liveState(state, reason));
        this.timer = setInterval(() => {
            /* The form closed: stop reading the camera. */
            if (!document.body.contains(this.root[0])) { this.close(); return; }
            this.load(true);
        }, REFRESH_MS);
        /* The form closed (saved, cancelled, deleted): the live stream stops at once, not at the next refresh. */
        this.alive = setInterval(() => { if (!this.root[0].isConnected) { this.close(); } }, 500);
        this.onEditorClose = () => { setTimeout(() => { if (!this.root[0].isConnected) { this.close(); } }, 0); };
        if (RED.events) { RED.events.on("editor:close", this.onEditorClose); }
        this.applySize();
        this.showLive();
        this.load();
    }

    close(): void {
        if (this.closed) { return; }
        this.closed = true;
        clearInterval(this.timer);
        clearInterval(this.alive);
        if (RED.events) { RED.events.off("editor:close", this.onEditorClose); }
        this.live.release();
        this.liveFor = null;
        if (this.objectUrl) { URL.revokeObjectURL(this.objectUrl); this.objectUrl = null; }
    }

    /** The picture's width as the user picked it. */
    private applySize(): void {
        const width = VIEW_SIZES[viewPrefs().size];
        this.box.css("max-width", width ? width + "px" : "none");
    }

    /** Live on or off (kept for every form). */
    private setLive(on: boolean): void {
        saveViewPrefs({ ...viewPrefs(), live: on });
        this.liveProblem = null;
        if (!on) { this.live.close(); this.liveFor = null; }
        this.showLive();
        this.load(true);
    }

    private showLive(): void {
        const on = viewPrefs().live;
        const playing = on && this.live.open && this.live.frames > 0;
        this.liveButton.toggleClass("thermometry-view-on", playing).empty()
            .append($("<i>").addClass(on ? "fa fa-circle" : "fa fa-pause"))
            .append(document.createTextNode(" " + t(on ? (this.liveProblem ? "liveFailed" : "live") : "still")))
            .attr("title", this.liveProblem ? t("liveProblem", { reason: this.liveProblem }) : t(on ? "liveTip" : "stillTip"));
    }

    private liveState(state: LiveState, reason?: string): void {
        if (state === "failed") {
            /* Snapshots instead, and why in the button's tooltip. */
            this.liveProblem = reason || "";
            this.liveFor = null;
        } else if (state === "ended") {
            /* Node-RED ends a stream after a while (or a redeploy): a form still open takes a new one. */
            this.liveFor = null;
            if (!this.closed) { setTimeout(() => { if (!this.closed) { this.load(true); } }, 1000); }
        }
        this.showLive();
    }

    /** Whether frames come live for the camera shown (then no stills are fetched). */
    private wantLive(id: string, body: Record<string, unknown>): boolean {
        if (!viewPrefs().live || this.liveProblem !== null || this.closed) { return false; }
        if (this.liveFor !== id || !this.live.open) {
            this.liveFor = id;
            this.live.start(id, body);
        }
        this.img.show();
        return true;
    }

    /** Image pixels of an API point. */
    toPx(p: readonly number[]): Point {
        return [(p[0] + 1) / 2 * this.size.width, (1 - p[1]) / 2 * this.size.height];
    }

    /** The API point under the pointer. */
    fromEvent(evt: { clientX: number; clientY: number }): Point {
        const r = this.svg.getBoundingClientRect();
        return [round(clamp((evt.clientX - r.left) / r.width * 2 - 1)), round(clamp(1 - (evt.clientY - r.top) / r.height * 2))];
    }

    /** Image pixels per screen pixel: handles and lines keep their size on screen. */
    unit(): number {
        const r = this.svg.getBoundingClientRect();
        return r.width ? this.size.width / r.width : 1;
    }

    state(text: string, failed?: boolean): void {
        this.line.toggleClass("thermometry-view-failed", !!failed);
        this.line.find(".thermometry-view-state").text(text).attr("title", text);
        /* The picture's choices only with a picture: a line that says why there is none stays one line. */
        this.line.find(".thermometry-view-picture").toggle(!failed && this.view !== null);
        this.retry.empty().append('<i class="fa fa-refresh"></i> ').append(document.createTextNode(t(failed ? "retry" : "refresh")));
    }

    say(text: string, info?: boolean): void {
        this.message.toggleClass("thermometry-view-info", !!info).text(text || "");
    }

    /**
     * Nothing of a camera shown: no picture, no areas drawn, the lists made from
     * its answer emptied. So that no one draws on, or picks an id from, a camera
     * that is no longer the one chosen, or that could not be read.
     */
    private clear(): void {
        this.view = null;
        this.live.close();
        this.liveFor = null;
        this.img.hide().removeAttr("src");
        if (this.objectUrl) { URL.revokeObjectURL(this.objectUrl); this.objectUrl = null; }
        if (this.listed && this.options.onView) { this.options.onView(null); }
        this.listed = false;
    }

    /** Read the view and the snapshot; `quiet` keeps the line as it is until the answer. */
    load(quiet?: boolean): void {
        const id = this.options.cameraId();
        if (!id || id === "_ADD_" || !RED.nodes.node(id)) {
            this.reads++;
            this.loadingFor = null;
            this.shownFor = null;
            this.clear();
            this.state(t("noCamera"));
            this.render();
            return;
        }
        if (this.loadingFor === id) { return; }
        /* Another camera: what the last one showed goes at once, not when the new answer comes. */
        if (id !== this.shownFor) {
            this.clear();
            this.shownFor = id;
            quiet = false;
        }
        const read = ++this.reads;
        this.loadingFor = id;
        if (!quiet) { this.state(t("reading")); }
        const body = { camera: cameraSettings(id) };
        const base = "axis-thermometry/camera/" + encodeURIComponent(id) + "/";
        post(base + "view", body, false, (err, view) => {
            if (read !== this.reads) { return; }
            this.loadingFor = null;
            if (err || !view) {
                this.clear();
                this.state(t("unreachable", { reason: err }), true);
                this.render();
                return;
            }
            this.view = view;
            if (view.capabilities) { capabilities[id] = view.capabilities; }
            const areas = view.areas && view.areas.areaList ? view.areas.areaList.length : 0;
            let on = "";
            if (view.presets && view.presets.length) {
                const here = view.presets.filter((p) => { return p.nbr === view.currentPreset; })[0];
                on = here ? t("onPreset", { nbr: here.nbr, name: here.name }) : t("ptz");
            }
            this.state(t("summary", { camera: view.camera, version: view.version, areas: (areas === 1 ? t("areaCountOne") : t("areaCount", { count: areas })) + on, time: new Date().toLocaleTimeString() }));
            if (this.options.onView) { this.options.onView(view); this.listed = true; }
            this.render();
            if (this.wantLive(id, body)) { return; }
            post(base + "snapshot", body, true, (e, blob) => {
                if (read !== this.reads) { return; }
                if (e || !blob) { this.img.hide(); return; }
                if (this.objectUrl) { URL.revokeObjectURL(this.objectUrl); }
                this.objectUrl = URL.createObjectURL(blob);
                this.img.attr("src", this.objectUrl).show();
            });
        });
    }

    /** Light area `id` up on the picture and in the table, or put it out. */
    mark(id: number): void {
        const at = this.marked.indexOf(id);
        if (at >= 0) { this.marked.splice(at, 1); } else { this.marked.push(id); }
        this.render();
    }

    /** Areas lit up: the form's (picked members, areas to remove...) and those clicked in the table. */
    lit(): number[] {
        return (this.options.highlighted ? this.options.highlighted() : []).concat(this.marked);
    }

    /** The camera's areas as drawn: outline, id and name, live max/avg, red when triggered. */
    render(): void {
        if (this.table) {
            const list = (this.view && this.view.areas && this.view.areas.areaList) || [];
            /* The areas the camera measures now: on a PTZ camera those of the preset it is on. */
            const preset = this.view && this.view.currentPreset;
            this.table.update(this.view, list.filter((a) => !preset || !a.presetNbr || a.presetNbr === preset), this.lit());
        }
        /* No camera and nothing to draw: one line, no empty box. */
        this.box.toggle(!!this.view || !!(this.options.drawing && this.options.drawing()));
        while (this.svg.firstChild) { this.svg.removeChild(this.svg.firstChild); }
        const u = this.unit();
        const view = this.view;
        const deg = view && view.capabilities && view.capabilities.currentTemperatureScale === "fahrenheit" ? "\u00b0F" : "\u00b0C";
        const labels: Label[] = [];
        if (view && view.areas && view.areas.areaList) {
            const status: Record<number, AreaStatus> = {};
            ((view.areaStatus && view.areaStatus.areaList) || []).forEach((s) => { status[s.id] = s; });
            const shown = this.options.areasShown ? view.areas.areaList.filter(this.options.areasShown) : view.areas.areaList;
            const highlighted = this.lit();
            shown.forEach((a) => {
                if (!Array.isArray(a.vertices) || a.vertices.length < 2) { return; }
                const s = status[a.id];
                const lit = highlighted.indexOf(a.id) >= 0;
                const colour = s && s.triggered ? "#ff3b30" : lit ? "#ffd60a" : "#34c759";
                const pts = a.vertices.map((p) => { return this.toPx(p).join(","); }).join(" ");
                svg("polygon", { points: pts, fill: lit ? "rgba(255,214,10,0.18)" : "none", stroke: colour, "stroke-width": (lit ? 3 : 2) * u, "stroke-dasharray": a.enabled === false ? 6 * u + " " + 4 * u : "none", "class": lit ? "thermometry-area thermometry-area-lit" : "thermometry-area", "data-id": a.id }, this.svg);
                const xs = a.vertices.map((p) => this.toPx(p)[0]), ys = a.vertices.map((p) => this.toPx(p)[1]);
                labels.push({ lines: areaLabel(a, s, deg), box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] });
            });
        }
        /* A removed spot (renderOverlay false: the camera keeps its last place) is not drawn. */
        if (view && view.spot && Array.isArray(view.spot.spotCoordinates) && view.spot.renderOverlay !== false) {
            const c = this.toPx(view.spot.spotCoordinates);
            svg("path", { d: "M" + (c[0] - 9 * u) + "," + c[1] + "h" + 18 * u + "M" + c[0] + "," + (c[1] - 9 * u) + "v" + 18 * u, stroke: "#fff", "stroke-width": 2 * u }, this.svg);
            labels.push({ lines: [t("spot") + (view.spot.spotTemperature !== undefined ? " " + view.spot.spotTemperature + " " + deg : "")], box: [c[0] - 9 * u, c[1] - 9 * u, c[0] + 9 * u, c[1] + 9 * u] });
        }
        /* The handles of the polygon being drawn: no label over them. */
        const handles = (this.options.handles ? this.options.handles() : []).map((p) => { const c = this.toPx(p); return [c[0] - 8 * u, c[1] - 8 * u, c[0] + 8 * u, c[1] + 8 * u] as Box; });
        placeLabels(labels, handles, this.size, u).forEach((l) => {
            const text = svg("text", { x: l.x, y: l.y, "font-size": 13 * u, "stroke-width": 3 * u, "class": "thermometry-label" }, this.svg);
            l.lines.forEach((lineText, i) => { svg("tspan", { x: l.x, dy: (i === 0 ? 13 : 16) * u }, text).textContent = lineText; });
        });
        if (this.options.decorate) { this.options.decorate(this.svg, u); }
    }
}
