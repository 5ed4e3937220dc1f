/*
 * Reading and writing a node's form fields (runs in the browser): the inputs
 * Node-RED makes for its properties, #node-input-<property>.
 */

export function field(prop: string): JQuery<HTMLElement> { return $("#node-input-" + prop); }

/** Write a field as a user would (checkbox or text), and tell its listeners. */
export function setField(prop: string, value: unknown): void {
    const el = field(prop);
    if (!el.length) { return; }
    if (el.attr("type") === "checkbox") { el.prop("checked", value === true); }
    else { el.val(value === undefined || value === null ? "" : String(value)); }
    el.trigger("change");
}

/** "0, 2" / "[0,2]" -> [0, 2]; anything else left out. */
export function idsOf(text: unknown): number[] {
    return String(text || "").replace(/[[\]]/g, " ").split(/[\s,;]+/).filter(function (s) { return /^\d+$/.test(s); }).map(Number);
}

/** The operation chosen in the form. */
export function operation(): string { return String(field("operation").val()); }

/** `ids` with `id` taken out when it is in, else added (in order). */
export function toggled(ids: number[], id: number): number[] {
    return ids.indexOf(id) >= 0 ? ids.filter(function (x) { return x !== id; }) : ids.concat([id]).sort(function (a, b) { return a - b; });
}
