/*
 * Drawing an area's polygon on the camera view (runs in the browser): click
 * to add a corner, drag a corner to move it, double-click an edge to add a
 * corner there, right-click a corner (or the button) to remove it, "Clear" to
 * start again. The typed [[x, y], ...] field and the drawing stay in step.
 *
 * A change that breaks the polygon rule is refused as it is drawn, with the
 * reason: the rule is the client's own (validateParam over src/api/polygon.ts,
 * with the camera's maxNumberOfVertices when known), so the form, the client
 * and the emulator agree on what a polygon may be.
 */
import type { Point } from "../../../api/types";
import { validateParam } from "../../../client/validate";
import { svg, type CameraView, type Capabilities, type FormPart } from "./camera-view";
import { t } from "./text";

/** The rule `points` breaks as the vertices of an area, or null. Fewer than 3 is "not finished" while drawing, not a refusal. */
export function polygonProblem(points: Point[], caps: Capabilities | undefined): string | null {
    try {
        validateParam("addArea", "vertices", { vertices: points }, caps || undefined);
        return null;
    } catch (e) {
        return String((e as Error).message).replace(/^addArea: /, "");
    }
}

function parsePoints(text: string): Point[] | null {
    let v: unknown;
    try { v = JSON.parse(text); } catch { return null; }
    if (!Array.isArray(v)) { return null; }
    for (let i = 0; i < v.length; i++) {
        if (!Array.isArray(v[i]) || v[i].length !== 2 || typeof v[i][0] !== "number" || typeof v[i][1] !== "number") { return null; }
    }
    return v as Point[];
}

interface Drag {
    index: number;
    before: Point[];
    moved: boolean;
    problem?: string | null;
}

/*
 * field: the vertices <input>; view: the CameraView; active(): whether the
 * operation draws a polygon now; caps(): the camera's capabilities or undefined.
 */
export class PolygonEditor implements FormPart {
    field: JQuery;
    view: CameraView;
    active: () => boolean;
    caps: () => Capabilities | undefined;
    points: Point[];
    selected = -1;
    drag: Drag | null = null;
    buttons: JQuery;
    private afterCorner = false;

    constructor(field: JQuery, view: CameraView, active: () => boolean, caps: () => Capabilities | undefined) {
        this.field = field;
        this.view = view;
        this.active = active;
        this.caps = caps;
        this.points = parsePoints(String(field.val())) || [];

        this.buttons = $('<span class="thermometry-polygon-tools"></span>').appendTo(view.tools);
        $('<button type="button" class="red-ui-button red-ui-button-small thermometry-polygon-remove"><i class="fa fa-minus"></i> </button>').append(document.createTextNode(t("removeCorner")))
            .appendTo(this.buttons).on("click", (e) => { e.preventDefault(); this.remove(this.selected >= 0 ? this.selected : this.points.length - 1); });
        $('<button type="button" class="red-ui-button red-ui-button-small thermometry-polygon-clear"><i class="fa fa-eraser"></i> </button>').append(document.createTextNode(t("clear")))
            .appendTo(this.buttons).on("click", (e) => { e.preventDefault(); this.commit([], null); });
        $('<span class="thermometry-polygon-hint"></span>').text(" " + t("drawHint")).appendTo(this.buttons);

        /* Typed text moves the drawing. */
        field.on("input change keyup", () => {
            const p = parsePoints(String(field.val()));
            if (p === null) {
                if (this.active()) { view.say(String(field.val()).trim() ? t("notPoints") : ""); }
                return;
            }
            if (JSON.stringify(p) !== JSON.stringify(this.points)) {
                this.points = p;
                this.selected = -1;
                this.explain();
                view.render();
            }
        });

        /* One form is open at a time: drop the handlers of an earlier one. */
        $(document).off(".thermometry-polygon");
        /* Clicks on the image add a corner at the end. */
        $(view.svg).on("click.polygon", (evt) => {
            if (!this.active() || this.afterCorner) { return; }
            if ((evt.target as Element).getAttribute("data-role")) { return; } /* a corner or an edge */
            this.commit(this.points.concat([view.fromEvent(evt)]), "add");
        });
        $(document).on("mousemove.thermometry-polygon", (evt) => {
            if (!this.drag) { return; }
            const p = view.fromEvent(evt);
            this.points = this.drag.before.slice();
            this.points[this.drag.index] = p;
            this.drag.moved = true;
            const problem = this.points.length >= 3 ? polygonProblem(this.points, this.caps()) : null;
            this.drag.problem = problem;
            view.say(problem ? t("notThere", { reason: problem }) : "");
            view.render();
        }).on("mouseup.thermometry-polygon", () => {
            if (!this.drag) { return; }
            const drag = this.drag;
            this.drag = null;
            /* The click that follows a press on a corner (moved or not) adds nothing: the corner was redrawn under it. */
            this.afterCorner = true;
            setTimeout(() => { this.afterCorner = false; }, 0);
            if (!drag.moved) { return; }
            if (drag.problem) {
                this.points = drag.before;
                view.say(t("wentBack", { reason: drag.problem }));
                view.render();
                return;
            }
            this.commit(this.points, null);
        });
        view.box.addClass("thermometry-view-drawing");
    }

    /** Apply `points` if the rule allows them (fewer than 3 while drawing is allowed), write the field, redraw. */
    commit(points: Point[], action: "add" | "remove" | null): boolean {
        const caps = this.caps();
        const max = caps && typeof caps.maxNumberOfVertices === "number" ? caps.maxNumberOfVertices : undefined;
        if (action === "add" && max !== undefined && points.length > max) {
            this.view.say(t("tooMany", { max: max }));
            return false;
        }
        const problem = points.length >= 3 ? polygonProblem(points, caps) : null;
        if (problem) {
            this.view.say(t("refused", { reason: problem }));
            return false;
        }
        this.points = points;
        if (this.selected >= points.length) { this.selected = -1; }
        this.field.val(points.length ? JSON.stringify(points) : "").trigger("change");
        this.explain();
        this.view.render();
        return true;
    }

    explain(): void {
        const n = this.points.length;
        if (n === 0) { this.view.say(t("firstCorner"), true); }
        else if (n < 3) { this.view.say(t("fewCorners", { count: n }), true); }
        else {
            const problem = polygonProblem(this.points, this.caps());
            this.view.say(problem ? problem : t("corners", { count: n }), !problem);
        }
    }

    remove(i: number): void {
        if (i < 0 || i >= this.points.length) { return; }
        const next = this.points.slice();
        next.splice(i, 1);
        this.selected = -1;
        this.commit(next, "remove");
    }

    /** Draws the polygon being edited, its edges (double-click targets) and corners (drag, right-click). */
    draw(layer: SVGElement, u: number): void {
        if (!this.active()) { return; }
        const view = this.view;
        const px = this.points.map((p) => { return view.toPx(p); });
        const bad = this.drag && this.drag.problem;
        const colour = bad ? "#ff3b30" : "#0af";
        if (px.length >= 2) {
            svg(px.length >= 3 ? "polygon" : "polyline", { points: px.map((p) => { return p.join(","); }).join(" "),
                fill: px.length >= 3 ? (bad ? "rgba(255,59,48,0.2)" : "rgba(0,170,255,0.18)") : "none", stroke: colour, "stroke-width": 2.5 * u, "class": "thermometry-polygon" }, layer);
        }
        for (let i = 0; i < px.length && px.length >= 2; i++) {
            if (px.length < 3 && i === px.length - 1) { break; }
            const a = px[i], b = px[(i + 1) % px.length];
            const edge = svg("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], stroke: "transparent", "stroke-width": 12 * u, "data-role": "edge", "data-index": i, style: "cursor: copy" }, layer);
            $(edge).on("dblclick", (evt) => {
                evt.preventDefault();
                evt.stopPropagation();
                const k = Number((evt.currentTarget as Element).getAttribute("data-index"));
                const next = this.points.slice();
                next.splice(k + 1, 0, view.fromEvent(evt));
                if (this.commit(next, "add")) { this.selected = k + 1; view.render(); }
            });
        }
        px.forEach((p, j) => {
            const handle = svg("circle", { cx: p[0], cy: p[1], r: 6 * u, fill: j === this.selected ? "#ffd60a" : "#fff", stroke: colour, "stroke-width": 2 * u,
                "data-role": "corner", "data-index": j, "class": "thermometry-corner", style: "cursor: move" }, layer);
            $(handle).on("mousedown", (evt) => {
                if (evt.button !== 0) { return; }
                evt.preventDefault();
                evt.stopPropagation();
                this.selected = j;
                this.drag = { index: j, before: this.points.slice(), moved: false };
                view.render();
            }).on("contextmenu", (evt) => {
                evt.preventDefault();
                this.remove(j);
            });
        });
    }

    close(): void {
        $(document).off(".thermometry-polygon");
    }
}
