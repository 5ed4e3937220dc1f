/*
 * The words of the camera view, from the open node's catalogue
 * (locales/<lang>/<node>.json, keys thermometry.view.*, shared by every node),
 * so the form speaks the editor's language like the rest of it.
 */
var translate = null;

/* The node whose form is open: its _() knows the package's catalogue. */
function use(node) {
    translate = node && typeof node._ === "function" ? function (key, vars) { return node._(key, vars); } : null;
}

function t(key, vars) {
    var full = "thermometry.view." + key;
    return translate ? translate(full, vars) : full;
}

module.exports = { use: use, t: t };
