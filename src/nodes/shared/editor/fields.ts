/*
 * The parameter fields of the operation nodes (runs in the browser): each
 * node's `defaults` made from the method table, and the validators that
 * refuse a value by the very rules the client (and the emulator, over
 * src/api) apply: the form's text is read as the runtime reads it
 * (params.fromEditor), then checked by the client's validateParam, with the
 * camera's capabilities when they are known.
 */
import { METHODS, isMethodName, type MethodName, type ParamSpec } from "../../../api/methods";
import { validateParam } from "../../../client/validate";
import { fromEditor } from "../params";
import { nodeSpecOf } from "../node-specs";
import { capabilities } from "./camera-view";

export function specOf(method: string, param: string): ParamSpec | null {
    if (!isMethodName(method)) { return null; }
    const params = METHODS[method].params;
    for (let i = 0; i < params.length; i++) {
        if (params[i].name === param) { return params[i]; }
    }
    return null;
}

/* The operation being edited: the form's choice while the dialog is open, else the node's. */
function currentOperation(node: EditorNode): string {
    const sel = $("#node-input-operation");
    if (sel.length && sel.is(":visible")) { return String(sel.val()); }
    return String(node.operation);
}

function formValue(node: EditorNode, prop: string): unknown {
    const el = $("#node-input-" + prop);
    if (el.length && el.is(":visible")) {
        return el.attr("type") === "checkbox" ? el.prop("checked") : el.val();
    }
    return node[prop];
}

/** The editor property holding a parameter of a node type (Node-RED owns `id` and `name`). */
export function propOf(type: string, param: string): string {
    const spec = nodeSpecOf(type);
    const names = (spec && spec.fieldNames) || {};
    return names[param] || param;
}

/** The camera chosen: the form's while the dialog is open, else the node's. */
export function cameraOf(node: EditorNode): string | undefined {
    const sel = $("#node-input-camera");
    if (sel.length && sel.is(":visible")) { return sel.val() as string | undefined; }
    return node.camera;
}

/* The form's values for `method` as the runtime reads them (params.fromEditor); fields it cannot read are left out. */
function formParams(node: EditorNode, method: MethodName): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    METHODS[method].params.forEach(function (spec) {
        try {
            const v = fromEditor(spec, formValue(node, propOf(node.type, spec.name)));
            if (v !== undefined) { out[spec.name] = v; }
        } catch { /* reported by that field's own validator */ }
    });
    return out;
}

/*
 * The rule `raw` breaks as parameter `param` of `method`, or null: read as the
 * runtime reads the field, then checked by the client's own validation, with
 * the camera's capabilities when they are known.
 */
export function problem(node: EditorNode, method: string, param: string, raw: unknown): string | null {
    const spec = specOf(method, param);
    if (!spec || !isMethodName(method)) { return null; }
    let value: unknown;
    try {
        value = fromEditor(spec, raw);
    } catch (e) {
        return (e as Error).message.replace(/^editor field /, "");
    }
    if (value === undefined) { return spec.required ? param + ": required" : null; }
    const all = formParams(node, method);
    all[param] = value;
    const camera = cameraOf(node);
    try {
        validateParam(method, param, all, camera === undefined ? undefined : capabilities[camera]);
    } catch (e) {
        return String((e as Error).message).replace(method + ": ", "");
    }
    return null;
}

/**
 * validate function for the editor property holding parameter `param` (its name, `_prop`, is Node-RED's
 * business). Two parameters: Node-RED shows a returned string as the reason only then.
 */
export function validator(param: string, _prop?: string): EditorValidator {
    return function (this: EditorNode, value: unknown, _opt: unknown) {
        const method = currentOperation(this);
        if (!specOf(method, param)) { return true; } /* not a field of this operation */
        const rule = problem(this, method, param, value);
        return rule === null ? true : rule;
    };
}

/*
 * A node's `defaults`: its own properties (`own`: name, camera, operation...),
 * then one per parameter of its operations, read from the method table, with
 * the validator of that parameter (booleans need none). `values` gives the
 * initial value by editor property; a parameter it leaves out starts empty
 * (false for a boolean). A parameter added to the table so gets its property
 * and its check in every form without an edit here.
 */
export function defaults(type: string, own?: Record<string, EditorPropertyDef>, values?: Record<string, unknown>): Record<string, EditorPropertyDef> {
    const spec = nodeSpecOf(type);
    const out: Record<string, EditorPropertyDef> = {};
    const given = values || {};
    Object.keys(own || {}).forEach(function (k) { out[k] = own![k]; });
    if (!spec) { return out; }
    spec.operations.methods.forEach(function (method) {
        METHODS[method].params.forEach(function (p) {
            const prop = propOf(type, p.name);
            if (out[prop]) { return; }
            const boolean = p.type.kind === "boolean";
            out[prop] = { value: Object.prototype.hasOwnProperty.call(given, prop) ? given[prop] : boolean ? false : "" };
            if (!boolean) { out[prop].validate = validator(p.name, prop); }
        });
    });
    Object.keys(given).forEach(function (k) {
        if (!out[k] && window.console) { console.warn("thermometry editor: " + type + " has no parameter field " + k); }
    });
    return out;
}
