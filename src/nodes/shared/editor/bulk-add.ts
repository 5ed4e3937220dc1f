/*
 * "Add many cameras" (runs in the browser), opened from the camera form: a
 * list pasted or typed (one camera a line: address, address:port, or
 * name,host[,port]; the rule is ../../thermometry-camera/bulk-lines.ts, the
 * same the admin route reads with), the cameras the network announces offered
 * into the same list, one sign-in (or one user name and password) for all,
 * each camera tested by the admin route (POST axis-thermometry/bulk/test,
 * answers streamed one line per camera) with what it says shown beside it,
 * and the ticked ones added as camera config nodes, one undo step, to deploy.
 * The routes and the rule for a stored sign-in password are in
 * ../../thermometry-camera/bulk-routes.ts.
 */
import { MAX_BULK_LINES, defaultBulkName, parseBulkLines, type BulkEntry } from "../../thermometry-camera/bulk-lines";

interface TestLine {
    index?: number;
    done?: boolean;
    ok?: boolean;
    camera?: string;
    model?: string;
    firmware?: string;
    serial?: string;
    apiVersions?: string[];
    version?: string;
    userLevel?: string;
    error?: string;
}

interface Found { name: string; host: string; port: number; serial?: string; via: string[] }
interface DiscoverAnswer { cameras: Found[]; problems: { via: string; reason: string }[]; windowMs: number }

/** One row of the list: the line, its test, whether it is added. */
interface Row { entry: BulkEntry; name: string; protocol: string; result?: TestLine; existing?: string; tick: JQuery }

const STORED = "__PWRD__";

function esc(text: string): string {
    return $("<div>").text(text).html();
}

function failureOf(xhr: JQuery.jqXHR, signInAgain: string): string {
    const json = xhr.responseJSON as { error?: string } | undefined;
    if (json && json.error) { return json.error; }
    try { const parsed = JSON.parse(xhr.responseText) as { error?: string }; if (parsed.error) { return parsed.error; } } catch { /* not JSON */ }
    return xhr.status === 401 ? signInAgain : (xhr.statusText || String(xhr.status));
}

/** The camera config nodes in the workspace, by "protocol://host:port". */
function existingCameras(): Record<string, string> {
    const out: Record<string, string> = {};
    RED.nodes.eachConfig(function (n) {
        if (n.type !== "thermometry-camera") { return; }
        const protocol = n.protocol === "https" ? "https" : "http";
        const port = String(n.port || "").trim() || (protocol === "https" ? "443" : "80");
        out[protocol + "://" + String(n.host || "").trim().toLowerCase() + ":" + port] = String(n.name || n.host || n.id);
    });
    return out;
}

function keyOf(host: string, port: string, protocol: string): string {
    return protocol + "://" + host.trim().toLowerCase() + ":" + (port || (protocol === "https" ? "443" : "80"));
}

/** The dialog; `signIn` is the sign-in chosen in the camera form, preselected. */
export function openBulkAdd(node: EditorNode, signIn?: string): void {
    /* The camera node's catalogue (locales/<lang>/thermometry-camera.json, thermometry-camera.bulk.*). */
    const say = function (key: string, vars?: Record<string, unknown>): string { return node._("thermometry-camera.bulk." + key, vars); };
    const dialog = $("<div id=\"thermometry-bulk\" class=\"thermometry-bulk\"></div>").appendTo("body");
    dialog.html(
        "<p class=\"thermometry-bulk-intro\"></p>" +
        "<textarea id=\"thermometry-bulk-lines\" rows=\"7\" spellcheck=\"false\" style=\"width:100%; font-family: monospace; font-size: 12px; box-sizing: border-box;\"></textarea>" +
        "<div class=\"form-row\" style=\"margin-top:6px;\"><button type=\"button\" class=\"red-ui-button\" id=\"thermometry-bulk-discover\"><i class=\"fa fa-search\"></i> <span></span></button>" +
        " <span id=\"thermometry-bulk-found\" style=\"margin-left:8px;\"></span></div>" +
        "<div class=\"form-row\"><label for=\"thermometry-bulk-signin\" style=\"width:110px;\"><i class=\"fa fa-users\"></i> <span class=\"l-signin\"></span></label>" +
        "<select id=\"thermometry-bulk-signin\" style=\"width:60%;\"></select></div>" +
        "<div class=\"form-row thermometry-bulk-own\"><label for=\"thermometry-bulk-username\" style=\"width:110px;\"><i class=\"fa fa-user\"></i> <span class=\"l-username\"></span></label>" +
        "<input type=\"text\" id=\"thermometry-bulk-username\" autocomplete=\"off\" style=\"width:30%;\"> " +
        "<input type=\"password\" id=\"thermometry-bulk-password\" autocomplete=\"new-password\" style=\"width:28%;\"></div>" +
        "<div class=\"form-row\"><label for=\"thermometry-bulk-protocol\" style=\"width:110px;\"><i class=\"fa fa-globe\"></i> <span class=\"l-protocol\"></span></label>" +
        "<select id=\"thermometry-bulk-protocol\" style=\"width:90px;\"><option value=\"http\">http</option><option value=\"https\">https</option></select> " +
        "<select id=\"thermometry-bulk-tls\" style=\"width:50%;\"></select></div>" +
        "<div class=\"form-row\"><button type=\"button\" class=\"red-ui-button\" id=\"thermometry-bulk-test\"><i class=\"fa fa-plug\"></i> <span></span></button>" +
        " <span id=\"thermometry-bulk-progress\" style=\"margin-left:8px;\"></span></div>" +
        "<div id=\"thermometry-bulk-problems\" style=\"color: var(--red-ui-text-color-error, #d00);\"></div>" +
        "<div class=\"thermometry-bulk-results\" style=\"max-height: 34vh; overflow-y: auto; border-top: 1px solid var(--red-ui-secondary-border-color, #ddd);\">" +
        "<table id=\"thermometry-bulk-table\" class=\"red-ui-table\" style=\"width:100%; border-collapse: collapse; font-size: 12px;\"><thead><tr>" +
        "<th style=\"width:24px;\"></th><th class=\"h-name\" style=\"text-align:left;\"></th><th class=\"h-address\" style=\"text-align:left;\"></th><th class=\"h-result\" style=\"text-align:left;\"></th>" +
        "</tr></thead><tbody></tbody></table></div>"
    );
    dialog.find(".thermometry-bulk-intro").text(say("intro", { max: MAX_BULK_LINES }));
    dialog.find("#thermometry-bulk-lines").attr("placeholder", "10.0.0.21\n10.0.0.22:8080\nLine 3,10.0.0.23\nLine 4,10.0.0.24,8080\nhttps://cam-7.plant.local");
    dialog.find("#thermometry-bulk-discover span").text(say("discover"));
    dialog.find("#thermometry-bulk-test span").text(say("test"));
    dialog.find(".l-signin").text(say("signIn"));
    dialog.find(".l-username").text(say("account"));
    dialog.find(".l-protocol").text(say("protocol"));
    dialog.find("#thermometry-bulk-username").attr("placeholder", say("username"));
    dialog.find("#thermometry-bulk-password").attr("placeholder", say("password"));
    dialog.find(".h-name").text(say("name"));
    dialog.find(".h-address").text(say("address"));
    dialog.find(".h-result").text(say("result"));
    const tls = dialog.find("#thermometry-bulk-tls");
    $("<option value=\"verify\">").text(say("tlsVerify")).appendTo(tls);
    $("<option value=\"insecure\">").text(say("tlsInsecure")).appendTo(tls);

    const select = dialog.find("#thermometry-bulk-signin");
    $("<option value=\"\">").text(say("ownAccount")).appendTo(select);
    RED.nodes.eachConfig(function (n) {
        if (n.type === "thermometry-sign-in") {
            const creds = n.credentials || {};
            $("<option>").val(n.id).text(String(n.name || creds.username || n.id)).appendTo(select);
        }
    });
    if (signIn && select.find("option[value=\"" + signIn + "\"]").length) { select.val(signIn); }
    else if (select.find("option").length > 1) { select.val(String(select.find("option").eq(1).val())); }
    function ownRows(): void { dialog.find(".thermometry-bulk-own").toggle(!select.val()); }
    select.on("change", ownRows);
    ownRows();
    const protocol = dialog.find("#thermometry-bulk-protocol");
    function tlsRow(): void { tls.toggle(protocol.val() === "https"); }
    protocol.on("change", function () { tlsRow(); render(); });
    tlsRow();

    const found: Record<string, Found> = {};
    let rows: Row[] = [];
    let tested = false;
    let testing: JQuery.jqXHR | undefined;
    const tbody = dialog.find("tbody");
    const lines = dialog.find("#thermometry-bulk-lines");

    /** The list as typed: a row per camera, the lines that are not one said under it. */
    function render(): void {
        const parsed = parseBulkLines(String(lines.val() || ""));
        const existing = existingCameras();
        const seen: Record<string, boolean> = {};
        tbody.empty();
        tested = false;
        rows = parsed.entries.map(function (entry) {
            const proto = entry.protocol || String(protocol.val());
            const key = keyOf(entry.host, entry.port, proto);
            const offered = found[entry.host.toLowerCase() + ":" + (entry.port || "80")];
            const name = entry.name || (offered ? offered.name : "") || defaultBulkName(entry);
            const already = existing[key] || (seen[key] ? say("twice") : undefined);
            seen[key] = true;
            const tick = $("<input type=\"checkbox\" class=\"thermometry-bulk-tick\">").prop("checked", false).prop("disabled", true);
            const tr = $("<tr class=\"thermometry-bulk-row\">").appendTo(tbody);
            $("<td>").append(tick).appendTo(tr);
            $("<td class=\"thermometry-bulk-name\">").text(name).appendTo(tr);
            $("<td class=\"thermometry-bulk-address\">").text((entry.protocol ? entry.protocol + "://" : "") + defaultBulkName(entry)).appendTo(tr);
            $("<td class=\"thermometry-bulk-result\">").text(already ? say("already", { name: already }) : say("notTested")).css("color", already ? "var(--red-ui-text-color-warning, #b60)" : "").appendTo(tr);
            return { entry: entry, name: name, protocol: proto, existing: already, tick: tick };
        });
        dialog.find("#thermometry-bulk-problems").html(parsed.problems.map(function (p) { return "<div>" + esc(p.error) + "</div>"; }).join(""));
        dialog.find("#thermometry-bulk-progress").text(rows.length ? say("count", { count: rows.length }) : "");
        updateButtons();
    }

    function chosen(): Row[] { return rows.filter(function (r) { return r.tick.prop("checked"); }); }

    function updateButtons(): void {
        const add = $("#thermometry-bulk-add");
        const n = chosen().length;
        add.prop("disabled", !tested || n === 0).find(".ui-button-text, span").last().text(say("add", { count: n }));
        if (!add.find("span").length) { add.text(say("add", { count: n })); }
        dialog.find("#thermometry-bulk-test").prop("disabled", !!testing || rows.length === 0);
    }

    function show(row: Row, r: TestLine): void {
        row.result = r;
        const cell = row.tick.closest("tr").find(".thermometry-bulk-result").empty().attr("title", "");
        if (r.ok) {
            const facts = [r.model || r.camera || "", r.firmware ? say("firmware", { firmware: r.firmware }) : "", say("api", { versions: (r.apiVersions || []).join(", "), version: r.version || "?" })];
            if (r.userLevel) { facts.push(say("level", { level: r.userLevel })); }
            cell.css("color", "var(--red-ui-text-color-success, #3a3)").text("✓ " + facts.filter(Boolean).join(" · "));
        } else {
            cell.css("color", "var(--red-ui-text-color-error, #d00)").text("✗ " + (r.error || "?"));
        }
        if (row.existing) { cell.append($("<div>").css("color", "var(--red-ui-text-color-warning, #b60)").text(say("already", { name: row.existing }))); }
        row.tick.prop("disabled", false).prop("checked", !!r.ok && !row.existing);
    }

    lines.on("input", render);

    dialog.find("#thermometry-bulk-discover").on("click", function () {
        const button = $(this).prop("disabled", true);
        const out = dialog.find("#thermometry-bulk-found").css("color", "").text(say("discovering"));
        $.ajax({ url: "axis-thermometry/bulk/discover", type: "POST", contentType: "application/json", dataType: "json", data: "{}" })
            .done(function (r: DiscoverAnswer) {
                const have = String(lines.val() || "");
                const add: string[] = [];
                r.cameras.forEach(function (c) {
                    found[c.host.toLowerCase() + ":" + c.port] = c;
                    const line = c.name.replace(/[,;\t]/g, " ") + "," + c.host + (c.port !== 80 ? "," + c.port : "");
                    if (have.indexOf(c.host) < 0 || have.indexOf(line) < 0) { add.push(line); }
                });
                if (add.length) { lines.val((have.trim() ? have.replace(/\s*$/, "\n") : "") + add.join("\n") + "\n"); }
                render();
                if (r.cameras.length) {
                    out.css("color", "var(--red-ui-text-color-success, #3a3)").text(say("found", { count: r.cameras.length, added: add.length }));
                } else if (r.problems.length) {
                    const reasons = r.problems.map(function (p) { return p.via + ": " + p.reason; }).filter(function (v, i, a) { return a.indexOf(v) === i; });
                    out.css("color", "var(--red-ui-text-color-warning, #b60)").text(say("notPossible", { reason: reasons.join("; ") }));
                } else {
                    out.css("color", "").text(say("noneFound", { seconds: r.windowMs / 1000 }));
                }
            })
            .fail(function (xhr) { out.css("color", "var(--red-ui-text-color-error, #d00)").text(say("notPossible", { reason: failureOf(xhr, say("signInAgain")) })); })
            .always(function () { button.prop("disabled", false); });
    });

    dialog.find("#thermometry-bulk-test").on("click", function () {
        render();
        if (!rows.length) { return; }
        const progress = dialog.find("#thermometry-bulk-progress").css("color", "").text(say("testing", { done: 0, count: rows.length }));
        const signInId = String(select.val() || "");
        let account: Record<string, string> | undefined;
        if (signInId) {
            const node = RED.nodes.node(signInId);
            const creds = (node && node.credentials) || {};
            // A password typed in the sign-in's form and not deployed yet goes as typed; else the route uses the stored one.
            if (creds.password && creds.password !== STORED) { account = { username: String(creds.username || ""), password: creds.password }; }
        } else {
            account = { username: String($("#thermometry-bulk-username").val() || ""), password: String($("#thermometry-bulk-password").val() || "") };
        }
        rows.forEach(function (row) { row.tick.closest("tr").find(".thermometry-bulk-result").css("color", "").text(say("testingOne")); });
        let read = 0;
        let done = 0;
        function consume(text: string, final: boolean): void {
            let end = text.indexOf("\n", read);
            while (end >= 0 || (final && read < text.length)) {
                const line = end >= 0 ? text.slice(read, end) : text.slice(read);
                read = end >= 0 ? end + 1 : text.length;
                if (line.trim()) {
                    try {
                        const r = JSON.parse(line) as TestLine;
                        if (typeof r.index === "number" && rows[r.index]) { show(rows[r.index], r); done++; }
                    } catch { /* a line cut short: the next progress event has it whole */ }
                }
                progress.text(say("testing", { done: done, count: rows.length }));
                end = text.indexOf("\n", read);
            }
        }
        testing = $.ajax({
            url: "axis-thermometry/bulk/test", type: "POST", contentType: "application/json", dataType: "text",
            data: JSON.stringify({
                cameras: rows.map(function (r) { return { name: r.name, host: r.entry.host, port: r.entry.port, protocol: r.protocol }; }),
                protocol: protocol.val(), tls: tls.val(), signIn: signInId || undefined, account: account
            }),
            /* Each camera's answer as it comes (the route streams one JSON line per camera). */
            xhr: function () {
                const xhr = new XMLHttpRequest();
                xhr.addEventListener("progress", function () { consume(xhr.responseText, false); });
                return xhr;
            }
        }).done(function (text: string) {
            consume(text, true);
            tested = true;
            const ok = rows.filter(function (r) { return r.result && r.result.ok; }).length;
            progress.css("color", ok === rows.length ? "var(--red-ui-text-color-success, #3a3)" : "").text(say("tested", { ok: ok, count: rows.length }));
        }).fail(function (xhr) {
            progress.css("color", "var(--red-ui-text-color-error, #d00)").text("✗ " + failureOf(xhr, say("signInAgain")));
            rows.forEach(function (row) { if (!row.result) { row.tick.closest("tr").find(".thermometry-bulk-result").text(say("notTested")); } });
        }).always(function () { testing = undefined; updateButtons(); });
        updateButtons();
    });

    tbody.on("change", ".thermometry-bulk-tick", updateButtons);

    function addCameras(): void {
        const picked = chosen();
        if (!picked.length) { return; }
        const signInId = String(select.val() || "");
        const def = RED.nodes.getType("thermometry-camera");
        const ids: string[] = [];
        const wasDirty = RED.nodes.dirty();
        picked.forEach(function (row) {
            const node: Record<string, unknown> = {
                id: RED.nodes.id(), type: "thermometry-camera", _def: def, users: [],
                name: row.name, host: row.entry.host, port: row.entry.port, protocol: row.protocol,
                tls: row.protocol === "https" ? String(tls.val()) : "verify", caPem: "", caFile: "",
                apiVersion: "auto", timeout: "10", signIn: signInId, changed: true, dirty: true, valid: true
            };
            if (!signInId) {
                // Each camera its own copy of the typed account (Node-RED keeps it in its encrypted credentials).
                node.credentials = { username: String($("#thermometry-bulk-username").val() || ""), password: String($("#thermometry-bulk-password").val() || "") };
            }
            RED.nodes.add(node);
            ids.push(String(node.id));
        });
        RED.history.push({ t: "add", nodes: ids, dirty: wasDirty });
        RED.nodes.dirty(true);
        if (RED.sidebar && RED.sidebar.config) { RED.sidebar.config.refresh(); }
        if (RED.view && RED.view.redraw) { RED.view.redraw(true); }
        RED.notify(say("added", { count: ids.length }), "success");
    }

    (dialog as unknown as { dialog(o: unknown): void }).dialog({
        title: say("title"), modal: true, width: Math.min(900, $(window).width()! - 40), maxHeight: $(window).height()! - 40, autoOpen: true, resizable: true,
        classes: { "ui-dialog": "red-ui-editor-dialog" },
        buttons: [
            { id: "thermometry-bulk-cancel", text: say("cancel"), click: function (this: HTMLElement) { ($(this) as unknown as { dialog(c: string): void }).dialog("close"); } },
            {
                id: "thermometry-bulk-add", text: say("add", { count: 0 }), class: "primary",
                click: function (this: HTMLElement) { addCameras(); ($(this) as unknown as { dialog(c: string): void }).dialog("close"); }
            }
        ],
        close: function () { if (testing) { testing.abort(); } dialog.remove(); }
    });
    render();
}
