/**
 * Where the nodes meet the client (src/client): the one place that makes a
 * ThermometryClient, and the client's own types under the names the nodes use.
 */
import { ThermometryClient, type CameraOptions } from '../../client';

export type { CameraOptions, ThermometryError } from '../../client';
export { ThermometryClient };

export function createClient(options: CameraOptions): ThermometryClient {
  return new ThermometryClient(options);
}
