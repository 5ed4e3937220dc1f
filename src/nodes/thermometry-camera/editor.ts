/*
 * The camera config node in the editor (runs in the browser): its settings
 * with their checks, the TLS rows shown for https, "Test connection", and the
 * import of example flows onto the camera already in the workspace.
 */
import { hostProblem, portProblem, timeoutProblem } from "./settings";
import { openBulkAdd } from "../shared/editor";

/*
 * One camera for every example. The example flows (and npm start's starter flow)
 * all carry the camera config node "emulator-camera". Node-RED 4.1 asks "Some of
 * the nodes you are importing already exist" for ANY id already in the workspace
 * (RED.nodes.import compares ids, not contents), so from the second example on an
 * import would stop on that question. Here a camera in an import whose id names a
 * camera that exists is left out, and the imported nodes use the existing one with
 * its credentials: the way Node-RED itself treats an imported global-config node.
 * The dashboard example's config nodes (its ui-base, page, groups and theme, which
 * npm start has deployed already) are treated the same, so it imports again
 * without the question (npm start deploys its flow nodes under other ids).
 * An explicit choice in Node-RED's conflict dialog (importMap) or "import copy"
 * (generateIds) is left alone.
 */
(function () {
    if (!RED.view || typeof RED.view.importNodes !== "function" || RED.view.importNodes.axisThermometry) { return; }
    const importNodes = RED.view.importNodes;
    const SHARED_CONFIG = ["thermometry-camera", "ui-base", "ui-page", "ui-group", "ui-theme"];
    interface ImportedNode { id: string; type?: string; z?: string; x?: number }
    function existingConfig(n: ImportedNode): boolean {
        const existing = RED.nodes.node(n.id);
        return !!(existing && n.type && existing.type === n.type && SHARED_CONFIG.indexOf(n.type) >= 0);
    }
    const wrapped: EditorImportNodes = function (this: unknown, nodes: unknown, ...rest: unknown[]) {
        const options = rest[0] as EditorImportOptions | undefined;
        try {
            const list: unknown = typeof nodes === "string" ? JSON.parse(nodes) : nodes;
            const importMap = (options && options.importMap) || {};
            if (Array.isArray(list) && !(options && options.generateIds)) {
                const kept = (list as (ImportedNode | null)[]).filter(function (n) {
                    return !(n && !n.z && !("x" in n) && !importMap[n.id] && existingConfig(n));
                });
                if (kept.length !== list.length && kept.length > 0) { nodes = kept; }
            }
        } catch { /* not JSON: Node-RED reports it as it always does */ }
        return importNodes.apply(this, [nodes, ...rest] as Parameters<EditorImportNodes>);
    };
    wrapped.axisThermometry = true;
    RED.view.importNodes = wrapped;
})();

/** What POST /axis-thermometry/camera/:id/test answers. */
interface TestAnswer {
    ok: boolean;
    /** A failed test, in the admin routes' one failure shape: the plain reason, the full message. */
    error?: string;
    detail?: string;
    camera?: string;
    model?: string;
    firmware?: string;
    apiVersions?: string[];
    version?: string;
    userLevel?: string;
    scale?: string;
}

/*
 * "Test connection": the form's settings as typed go to the admin route, which answers with
 * what the camera tells (model, firmware, API versions, the user's level, its scale) or the
 * reason in plain words. A stored password is never in the form (Node-RED shows __PWRD__):
 * the route uses the stored one then, for the address it was saved with only. The CA file's
 * path is not sent (the file is read at deploy; a pasted CA travels as its PEM text). Settings
 * changed since the deploy need the permission to change flows: a read-only user is told so.
 */
function testConnection(node: EditorNode): void {
    const button = $("#node-config-thermometry-test");
    const out = $("#node-config-thermometry-test-result");
    button.on("click", function () {
        const camera: Record<string, unknown> = {};
        ["host", "port", "protocol", "tls", "caPem", "apiVersion", "timeout", "httpClient", "username", "password"].forEach(function (f) {
            const el = $("#node-config-input-" + f);
            if (el.length) { camera[f] = el.val(); }
        });
        button.prop("disabled", true);
        out.css("color", "").text(node._("thermometry-camera.test.testing"));
        $.ajax({
            url: "axis-thermometry/camera/" + encodeURIComponent(node.id) + "/test",
            type: "POST", contentType: "application/json", dataType: "json",
            data: JSON.stringify({ camera: camera })
        }).done(function (r: TestAnswer) {
            if (!r.ok) {
                out.css("color", "var(--red-ui-text-color-error, #d00)").attr("title", r.detail || "")
                    .text("✗ " + node._("thermometry-camera.test.failed", { reason: r.error }));
                return;
            }
            const lines: string[] = [];
            lines.push("✓ " + node._("thermometry-camera.test.connected", { camera: r.model || r.camera }) + (r.firmware ? ", " + node._("thermometry-camera.test.firmware", { firmware: r.firmware }) : ""));
            const facts = [node._("thermometry-camera.test.versions", { versions: (r.apiVersions || []).join(", "), version: r.version || "?" })];
            if (r.userLevel) { facts.push(node._("thermometry-camera.test.level", { level: r.userLevel })); }
            if (r.scale) { facts.push(node._("thermometry-camera.test.scale", { unit: r.scale === "fahrenheit" ? "°F" : "°C" })); }
            lines.push(facts.join(" · "));
            out.css("color", "var(--red-ui-text-color-success, #3a3)").attr("title", "").empty();
            lines.forEach(function (l) { $("<div>").text(l).appendTo(out); });
        }).fail(function (xhr) {
            const reason = (xhr.responseJSON && xhr.responseJSON.error) || (xhr.status === 401 ? "sign in to Node-RED again" : xhr.statusText || String(xhr.status));
            out.css("color", "var(--red-ui-text-color-error, #d00)").attr("title", "")
                .text("✗ " + node._("thermometry-camera.test.failed", { reason: reason }));
        }).always(function () { button.prop("disabled", false); });
    });
}

RED.nodes.registerType("thermometry-camera", {
    category: "config",
    /* Validators take (v, _opt): Node-RED reads a returned string as the error only from a two-parameter validator (a one-parameter one's string counts as valid). */
    defaults: {
        name: { value: "" },
        host: { value: "", required: true, validate: function (v, _opt) {
            return hostProblem(v) || true;
        } },
        port: { value: "", validate: function (v, _opt) {
            return portProblem(v) || true;
        } },
        protocol: { value: "http" },
        tls: { value: "verify" },
        caPem: { value: "", validate: function (v, _opt) {
            /* Only when https trusts a CA of its own: PEM text, or else the path of a file (read at deploy). */
            function field(name: string, saved: unknown): unknown { const el = $("#node-config-input-" + name); return el.length ? el.val() : saved; }
            if (field("protocol", this.protocol) !== "https" || field("tls", this.tls) !== "ca") { return true; }
            if (v && String(v).trim()) { return /-----BEGIN CERTIFICATE-----/.test(String(v)) || "CA certificate: PEM text (-----BEGIN CERTIFICATE-----)"; }
            const file = field("caFile", this.caFile);
            return (file && String(file).trim()) ? true : "CA certificate: paste it, or give the path of its file";
        } },
        caFile: { value: "" },
        apiVersion: { value: "auto" },
        timeout: { value: "10", validate: function (v, _opt) {
            return timeoutProblem(v) || true;
        } },
        /* Our HTTP/1.1 connections, or axios for a camera whose web server they cannot read. */
        httpClient: { value: "built-in" },
        /* A shared sign-in (thermometry-sign-in); none = this camera's own user name and password. */
        signIn: { value: "", type: "thermometry-sign-in", required: false }
    },
    credentials: {
        username: { type: "text" },
        password: { type: "password" }
    },
    label: function () {
        return this.name || ((this.protocol === "https" ? "https://" : "") + (this.host || "camera") + (this.port ? ":" + this.port : ""));
    },
    oneditprepare: function () {
        // A camera saved before the setting existed has none: it uses the built-in client.
        if (!this.httpClient) { $("#node-config-input-httpClient").val("built-in"); }
        function update(): void {
            const https = $("#node-config-input-protocol").val() === "https";
            $(".thermometry-tls-row").toggle(https);
            $(".thermometry-ca-row").toggle(https && $("#node-config-input-tls").val() === "ca");
        }
        $("#node-config-input-protocol, #node-config-input-tls").on("change", update);
        update();
        function own(): void {
            const signIn = String($("#node-config-input-signIn").val() || "");
            $(".thermometry-own-credentials-row").toggle(!signIn || signIn === "_ADD_");
        }
        $("#node-config-input-signIn").on("change", own);
        own();
        testConnection(this);
        /* Many cameras at once (the shared editor's bulk-add dialog), on the sign-in chosen here. */
        const node = this;
        $("#node-config-thermometry-add-many").on("click", function () {
            const signIn = String($("#node-config-input-signIn").val() || "");
            openBulkAdd(node, signIn && signIn !== "_ADD_" ? signIn : undefined);
        });
    }
});
