/**
 * Where the nodes meet the client (src/client): the one place that makes a
 * ThermometryClient, and the client's own types under the names the nodes use.
 */
import { ThermometryClient, type CameraOptions } from '../../client';

export type { CameraOptions, ThermometryError, DeviceInfo } from '../../client';
export { ThermometryClient };
/** Model and firmware (basicdeviceinfo.cgi), and the user's level (usergroup.cgi), as the camera tells them. */
export { readDeviceInfo, readUserLevel, readChannelNames, readPalette, writePalette, reasonOfCode } from '../../client';
export type { FailureReason, Failure } from '../../client';

export function createClient(options: CameraOptions): ThermometryClient {
  return new ThermometryClient(options);
}
/** A camera's setup as one document (src/client/setup). */
export { readSetup, applySetup } from '../../client';
export type { SetupDocument, SetupReport, SetupChange } from '../../client';
