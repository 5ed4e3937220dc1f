/*
 * The words of the camera view, from the open node's catalogue
 * (locales/<lang>/<node>.json, keys thermometry.view.*, shared by every node),
 * so the form speaks the editor's language like the rest of it.
 */
type Translate = (key: string, vars?: Record<string, unknown>) => string;

let translate: Translate | null = null;

/** The node whose form is open: its _() knows the package's catalogue. */
export function use(node: EditorNode | null | undefined): void {
    translate = node && typeof node._ === "function" ? function (key, vars) { return node._(key, vars); } : null;
}

export function t(key: string, vars?: Record<string, unknown>): string {
    const full = "thermometry.view." + key;
    return translate ? translate(full, vars) : full;
}
