/**
 * The runtime API of the `thermometry-camera` config node, as the nodes that
 * use it see it (the area, group, spot, status, settings and event nodes).
 */
import type { DeviceInfo, ThermometryClient } from './client';
import type { Node } from './red';
import type { CameraDef } from './camera-options';

export interface CameraConfigNode extends Node {
  /** The one client of this camera, shared by every node using it; undefined when the configuration is unusable (see configError). */
  client?: ThermometryClient;
  /** Why there is no client (e.g. the CA file cannot be read); undefined when all is well. */
  configError?: string;
  /** The editor's settings as deployed (host, port, protocol, TLS, version, timeout; never credentials). */
  settings?: CameraDef;
  /** "host:port", for msg.thermometry.camera and log lines (never the credentials). */
  readonly camera: string;
  /** The API version set in the editor: 'auto' or one of API_VERSIONS (1.0 to 1.3). */
  readonly apiVersionSetting: string;
  /**
   * Add a node to the users of this camera. As with Node-RED's MQTT broker node,
   * `users` is keyed by node id: Node-RED then hands the config node's own
   * status() and error(err, msg) to the Status and Catch nodes of its users.
   */
  register(user: Node): void;
  /** Remove a node from the users (call it on the user's 'close'). */
  deregister(user: Node): void;
  /** The nodes registered now, by id. */
  readonly users: Readonly<Record<string, Node>>;
  /** The API version in use: the configured one, or the one negotiated with the camera. */
  apiVersion(): Promise<string>;
  /** Whether a user name and password are set (Node-RED does not import them with a flow). */
  readonly hasCredentials: boolean;
  /** The camera as a person recognises it: its name in the editor, else host:port. */
  readonly label: string;
  /** The user's level on the camera, asked once (usergroup.cgi); undefined when it does not tell. */
  userLevel(): Promise<string | undefined>;
  /**
   * Model, firmware and serial number (basicdeviceinfo.cgi), asked once per deploy; a camera that
   * did not tell is asked again after a while (it may have been away). Undefined when it does not tell.
   */
  deviceInfo?(): Promise<DeviceInfo | undefined>;
}

/** The runtime API of the `thermometry-sign-in` config node: a sign-in many cameras share. */
export interface SignInConfigNode extends Node {
  /** User name and password (Node-RED credentials); either undefined when not set. */
  account(): { username?: string; password?: string };
  /** TLS trust for https cameras: tls '' = each camera's own setting. */
  readonly trust: { tls: '' | 'verify' | 'ca' | 'insecure'; caPem: string };
}
