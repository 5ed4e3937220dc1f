/*
 * The editor's shared behaviour (runs in the browser), as AxisThermometry:
 * the camera view, the polygon editor, the pick-lists, the form helpers and
 * the operation nodes' fields and checks. The method table, the client's
 * validation and the runtime's reading of editor fields come in as the same
 * TypeScript modules the runtime compiles, so a form refuses a value by the
 * very rules the client (and the emulator, over src/api) apply.
 *
 * How a node's editor is written and bundled:
 *   - src/nodes/<node>/editor.ts holds the node's RED.nodes.registerType call
 *     and its own form code (see thermometry-area/editor.ts); it imports what
 *     it shares from "../shared/editor" (this file) and its own settings rules
 *     from its folder (e.g. ./settings, which the runtime imports too).
 *   - src/nodes/<node>/<node>.html keeps the form's template, with
 *     <!--@SHARED-EDITOR@--> (this bundle) and <!--@EDITOR@--> (the node's
 *     editor.ts, bundled) where the scripts go.
 *   - npm run build type-checks all of it against the DOM, jQuery and our
 *     RED declaration (tsconfig.editor.json; a type error fails the build),
 *     then scripts/build-editor.js bundles it with esbuild: this file into
 *     resources/thermometry-editor.js (window.AxisThermometry, loaded by every
 *     node's HTML), each editor.ts into its node's HTML, where an import of
 *     "../shared/editor" reads window.AxisThermometry instead of a copy.
 *   - Browser code may import src/api, client/validate and the pure modules
 *     of src/nodes/shared (params, node-specs): nothing Node-only (no Buffer,
 *     no fs); the editor's type check has no Node types, so such code fails it.
 */
import { METHODS } from "../../../api/methods";

export { METHODS as methods };
export { defaults, problem, propOf, specOf, validator, cameraOf } from "./fields";
export { onadd, pickCamera, prepare, type NodeForm } from "./prepare";
export { CameraView, capabilities, cameraSettings, post, svg, type CameraViewOptions, type Capabilities, type FormPart, type ViewAnswer } from "./camera-view";
export { PolygonEditor, polygonProblem } from "./polygon-editor";
export { areaItems, channelPicker, channelText, chosen, fill, findArea, formPreset, groupItems, pickRow, presetPicker, shownPreset, type PickItem } from "./pickers";
export { field, idsOf, operation, setField, toggled } from "./form";
export { t } from "./text";
export { cameraProblem, plantMqttProblem, prepareCameraScope } from "./camera-scope";
export { mqttRows } from "./mqtt";
export { openBulkAdd } from "./bulk-add";
export { DEFAULT_DISCOVERY_PREFIX, DEFAULT_PREFIX, formatProblem, prefixProblem } from "../mqtt-topics";
