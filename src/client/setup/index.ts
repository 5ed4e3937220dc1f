/**
 * A camera's setup as one JSON document (issue 17, item 5): read it, check it,
 * plan what applying it to a camera changes, apply it. Nothing of Node-RED.
 */
export { SETUP_FORMAT, SETUP_VERSION, checkDocument } from './document';
export type { SetupDocument, SetupArea, SetupGroup, SetupSpot, SetupIsotherms, SetupLimits } from './document';
export { readSetup, readCameraSetup } from './read';
export type { CameraSetup } from './read';
export { planSetup } from './plan';
export type { SetupChange, SetupPlan, SetupStep, PlanOptions, ChangeKind, ChangeAction } from './plan';
export { applySetup } from './apply';
export type { ApplyOptions, SetupReport, SetupFailure } from './apply';
