/*
 * The sign-in node in the editor (runs in the browser): a name, the service
 * account's user name and password (Node-RED credentials), and the TLS trust
 * for https cameras ('' = as each camera sets it).
 */
RED.nodes.registerType("thermometry-sign-in", {
    category: "config",
    defaults: {
        name: { value: "" },
        tls: { value: "" },
        caPem: { value: "" }
    },
    credentials: {
        username: { type: "text" },
        password: { type: "password" }
    },
    // The camera form's pick-list then reads "Add new shared sign-in...", not the type's name.
    paletteLabel: "shared sign-in",
    label: function () {
        return this.name || (this.credentials && this.credentials.username) || this._("thermometry-sign-in.label.default");
    },
    oneditprepare: function () {
        function caRow(): void { $(".thermometry-sign-in-ca-row").toggle($("#node-config-input-tls").val() === "ca"); }
        $("#node-config-input-tls").on("change", caRow);
        caRow();
    }
});
