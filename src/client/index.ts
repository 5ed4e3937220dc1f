/**
 * The thermometry client: framework-free, nothing of Node-RED.
 * See ThermometryClient for the calls and ThermometryError for what fails.
 */
export { ThermometryClient, pickVersion, THERMOMETRY_PATH, DEFAULT_TIMEOUT_MS } from './client';
export type { CameraOptions, CallOptions, RawRequest, NoParams, Snapshot } from './client';
export type { VideoOptions, VideoStream } from './video';
export { IMAGE_CGI_PATH, parseResolution } from '../api/image';
export type { ImageOptions } from '../api/image';
export { ThermometryError } from './errors';
export { readDeviceInfo, readUserLevel, levelFromGroups, readChannelNames } from './device';
export { readPalette, writePalette } from './palette';
export type { PaletteInfo } from './palette';
export { channelLabel, channelKind, parseChannelNames } from '../api/channels';
export type { DeviceInfo } from './device';
export type { ThermometryErrorKind } from './errors';
export { reasonOfCode, failureOf, FAILURE_REASONS } from './failure';
export type { FailureReason, Failure } from './failure';
export { validateParams } from './validate';
export { segmentsCross } from '../api/polygon';
export { normalizeResult } from './normalize';
export { parseChallenges, chooseChallenge, authorizerFor, isStale, DigestAuthorizer, BasicAuthorizer } from './digest';
export type { Challenge, Credentials, Authorizer } from './digest';
export type { TlsOptions, HttpAdapterName } from './transport';
export * from '../api/types';
export { EventStream, parseNotification, messageTopic, EVENT_NAMES } from './events';
export type { ThermometryEvent, StreamStatus, EventStreamOptions } from './events';
export { API_VERSIONS, METHODS, METHOD_NAMES, methodAvailable } from '../api/methods';
export type { ApiVersion, MethodName, Role } from '../api/methods';
export { readSetup, readCameraSetup, applySetup, planSetup, checkDocument, SETUP_FORMAT, SETUP_VERSION } from './setup';
export type { SetupDocument, SetupChange, SetupReport, ApplyOptions, CameraSetup } from './setup';
export { discoverCameras, multicastProblem, MAX_WINDOW_MS, MAX_CAMERAS } from './discovery';
export type { DiscoveredCamera, DiscoveryOptions, DiscoveryResult, DiscoveryVia } from './discovery';
