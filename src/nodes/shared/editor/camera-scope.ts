/*
 * The "Cameras" field of the status and event forms (runs in the browser):
 * this camera, every camera, or chosen cameras; the camera row shows only for
 * "this camera", the list only for "chosen". The rule is the runtime's
 * (../camera-scope).
 */
import { cameraScopeOf } from "../camera-scope";

export { cameraProblem, plantMqttProblem } from "../camera-scope";

export function prepareCameraScope(current: unknown): void {
    const select = $("#node-input-cameraScope");
    function show(): void {
        const scope = cameraScopeOf(select.val());
        $("#node-input-camera").closest(".form-row").toggle(scope === "camera");
        $(".thermometry-camera-set-row").toggle(scope === "chosen");
    }
    select.val(cameraScopeOf(current)).on("change", show);
    show();
}
