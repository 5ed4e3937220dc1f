/*
 * The MQTT fields of the status and event forms (runs in the browser): which
 * rows show for the format chosen. The rules of the fields are the runtime's
 * own (../mqtt-topics: prefixProblem, formatProblem).
 */

/** Rows by class: .thermometry-mqtt-row for any format, -tree-row for the topic tree only, -discovery-row with Home Assistant ticked. */
export function mqttRows(): void {
    function show(): void {
        const format = $("#node-input-mqtt").val();
        $(".thermometry-mqtt-row").toggle(format === "thermometry" || format === "acap");
        $(".thermometry-mqtt-tree-row").toggle(format === "thermometry");
        $(".thermometry-mqtt-discovery-row").toggle(format === "thermometry" && $("#node-input-mqttDiscovery").prop("checked") === true);
    }
    $("#node-input-mqtt").on("change", show);
    $("#node-input-mqttDiscovery").on("change", show);
    show();
}
