/*
 * The camera's areas as a table beside the picture (runs in the browser): id,
 * name, enabled, what the area measures, its live min/avg/max and whether it
 * is triggered, each in words (not only colour), from the view's answer
 * (listAreas and getAreaStatus). A click on a row picks the area: what that
 * means is the form's (load it for update, toggle a group member, filter
 * events); the row and the area on the picture light up.
 */
import type { Area, AreaStatus } from "../../../api/types";
import type { ViewAnswer } from "./camera-view";
import { t } from "./text";

export interface AreaTableOptions {
    /** A row was clicked; the form decides what picking means. */
    onPick?(area: Area): void;
    /** What a click does, in words for the table's caption ("Click a row to change that area"). */
    hint?(): string;
}

const STYLE = [
    ".thermometry-view-main { display: flex; flex-wrap: wrap; gap: 10px; align-items: flex-start; }",
    ".thermometry-view-main > .thermometry-view-image { flex: 1 1 320px; }",
    /* Beside the picture when the form is wide enough (a wider tray, a smaller picture), below it otherwise. */
    ".thermometry-area-table-box { flex: 1 1 330px; min-width: 330px; max-height: 480px; overflow: auto; font-size: 12px; margin-top: 4px; }",
    ".thermometry-area-table { width: 100%; border-collapse: collapse; }",
    ".thermometry-area-table th, .thermometry-area-table td { padding: 3px 4px; text-align: left; border-bottom: 1px solid var(--red-ui-secondary-border-color, #ddd); white-space: nowrap; }",
    ".thermometry-area-table td.thermometry-num, .thermometry-area-table th.thermometry-num { text-align: right; font-variant-numeric: tabular-nums; }",
    ".thermometry-area-table td.thermometry-name { white-space: normal; min-width: 80px; }",
    ".thermometry-area-table tbody tr { cursor: pointer; }",
    ".thermometry-area-table tbody tr:hover { background: var(--red-ui-list-item-background-hover, rgba(128,128,128,0.12)); }",
    ".thermometry-area-table tbody tr.thermometry-row-picked { background: var(--red-ui-list-item-background-selected, rgba(255,214,10,0.25)); }",
    ".thermometry-area-table tbody tr.thermometry-row-alarm td.thermometry-triggered { color: #e5322d; font-weight: 600; }",
    ".thermometry-area-table tbody tr.thermometry-row-off { color: var(--red-ui-secondary-text-color, #888); }",
    ".thermometry-area-table caption { caption-side: bottom; text-align: left; padding-top: 4px; color: var(--red-ui-secondary-text-color, #666); }"
].join("\n");

function addStyle(): void {
    if (document.getElementById("thermometry-area-table-style")) { return; }
    $("<style>", { id: "thermometry-area-table-style" }).text(STYLE).appendTo("head");
}

/** A temperature as the table shows it: one decimal, or a dash when the camera gave none. */
function temperature(v: unknown): string {
    return typeof v === "number" && isFinite(v) ? v.toFixed(1) : "–";
}

export class AreaTable {
    readonly box: JQuery;
    private readonly options: AreaTableOptions;
    private shownKey = "";

    constructor(parent: JQuery, options: AreaTableOptions) {
        addStyle();
        this.options = options;
        this.box = $('<div class="thermometry-area-table-box"></div>').appendTo(parent).hide();
    }

    /** The table for `view` (none: hidden), with the rows of `lit` area ids lit. */
    update(view: ViewAnswer | null, areas: Area[], lit: number[]): void {
        const statusList: AreaStatus[] = (view && view.areaStatus && view.areaStatus.areaList) || [];
        const status: Record<number, AreaStatus> = {};
        statusList.forEach((s) => { status[s.id] = s; });
        const unit = view && view.capabilities && view.capabilities.currentTemperatureScale === "fahrenheit" ? "°F" : "°C";
        const hint = this.options.hint ? this.options.hint() : "";
        const key = JSON.stringify([!!view, areas.map((a) => [a.id, a.name, a.enabled, a.measurement, status[a.id]]), lit, unit, hint]);
        if (key === this.shownKey) { return; }
        this.shownKey = key;
        this.box.empty().toggle(!!view);
        if (!view) { return; }
        const table = $('<table class="thermometry-area-table"></table>').appendTo(this.box);
        const head = $("<tr>").appendTo($("<thead>").appendTo(table));
        [["id", ""], ["name", ""], ["enabled", ""], ["measure", ""], ["min", "thermometry-num"], ["avg", "thermometry-num"], ["max", "thermometry-num"], ["triggered", ""]].forEach(function (c) {
            $("<th>").addClass(c[1]).text(c[0] === "min" || c[0] === "avg" || c[0] === "max" ? t("table." + c[0], { unit: unit }) : t("table." + c[0])).appendTo(head);
        });
        const body = $("<tbody>").appendTo(table);
        if (!areas.length) {
            $("<tr>").append($("<td>").attr("colspan", 8).text(t("table.none"))).appendTo(body);
        }
        areas.forEach((a) => {
            const s = status[a.id];
            const on = a.enabled !== false;
            const triggered = s ? (s.triggered ? t("table.alarm") : t("table.no")) : on ? "–" : t("table.notMeasured");
            const row = $("<tr>").attr("data-id", a.id)
                .toggleClass("thermometry-row-picked", lit.indexOf(a.id) >= 0)
                .toggleClass("thermometry-row-alarm", !!(s && s.triggered))
                .toggleClass("thermometry-row-off", !on)
                .appendTo(body);
            $("<td>").text(String(a.id)).appendTo(row);
            $("<td>").addClass("thermometry-name").text(a.name || t("noName")).appendTo(row);
            $("<td>").text(on ? t("table.yes") : t("table.no")).appendTo(row);
            $("<td>").text(a.measurement ? t("table.measurement." + a.measurement) : "–").appendTo(row);
            $("<td>").addClass("thermometry-num").text(temperature(s && s.min)).appendTo(row);
            $("<td>").addClass("thermometry-num").text(temperature(s && s.avg)).appendTo(row);
            $("<td>").addClass("thermometry-num").text(temperature(s && s.max)).appendTo(row);
            $("<td>").addClass("thermometry-triggered").text(triggered).appendTo(row);
            row.on("click", () => { if (this.options.onPick) { this.options.onPick(a); } });
        });
        if (hint) { $("<caption>").text(hint).appendTo(table); }
    }
}
