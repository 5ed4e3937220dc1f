/**
 * Config node `thermometry-camera`: one Axis thermal camera.
 *
 * Runtime API for the nodes that use it (typed in ../shared/camera-api.ts):
 *
 *   const camera = RED.nodes.getNode(config.camera);   // CameraConfigNode | null
 *   camera.client          ThermometryClient shared by every node of this camera
 *                          (undefined when the configuration is unusable; then
 *                          camera.configError says why)
 *   camera.camera          "host:port" (never credentials), for messages and logs
 *   camera.apiVersionSetting  'auto' | '1.0' | '1.1' | '1.2' | '1.3' as set in the editor
 *   camera.apiVersion()    Promise<string>: the configured or negotiated version
 *   camera.register(node) / camera.deregister(node)   users of the camera
 *                          (call deregister in the user's 'close' handler)
 *   camera.users           the registered nodes by id (Node-RED's convention:
 *                          the config node's status()/error(err, msg) reach
 *                          the Status/Catch nodes of its users)
 *
 * The editor's routes (capabilities for the forms' ranges; the camera's view:
 * snapshot, areas, groups, spot, presets) are in ./admin-routes.ts.
 *
 * The client is created once, when the config node starts, and closed on
 * 'close' (redeploy, stop): no keep-alive socket or timer is left behind.
 * Credentials (username, password) are Node-RED credentials, never in the flow.
 */
import { t } from '../shared/i18n';
import { createClient, readDeviceInfo, readUserLevel, type DeviceInfo, type ThermometryClient } from '../shared/client';
import { cameraOptions, signInOf, type CameraDef } from '../shared/camera-options';
import type { CameraConfigNode, SignInConfigNode } from '../shared/camera-api';
import type { Node, NodeAPI } from '../shared/red';
import { registerAdminRoutes } from './admin-routes';
import { addDeployedCamera, removeDeployedCamera } from '../shared/cameras';

/** A camera that did not tell its model is asked again after this long (ms). */
const DEVICE_RETRY_MS = 60000;

export = function register(RED: NodeAPI): void {
  function ThermometryCameraNode(this: CameraConfigNode & { apiVersionSetting: string; camera: string; users: Record<string, Node>}, def: CameraDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    const users: Record<string, Node> = {};
    node.users = users;
    node.apiVersionSetting = def.apiVersion || 'auto';
    const defaultPort = def.protocol === 'https' ? 443 : 80;
    node.camera = `${String(def.host ?? '').trim()}:${def.port ? Number(def.port) : defaultPort}`;
    // The settings as deployed (no credentials: those are in node.credentials), for the editor's routes.
    node.settings = def;

    let client: ThermometryClient | undefined;
    const configError = (reason: string) => {
      node.configError = reason;
      node.error(t(RED, 'thermometry.error.config', { reason }));
    };
    // Its own credentials, or those of the sign-in it names (shared by many cameras).
    let credentials: Record<string, string | undefined> = {};
    try {
      const signedIn = signInOf(def, node.credentials, (id) => (RED.nodes.getNode(id) as SignInConfigNode | null) ?? undefined);
      credentials = signedIn.credentials ?? {};
      // A CA file is read here, at deploy, asynchronously and under a bound; the client's calls wait for it.
      const options = cameraOptions(signedIn.def, signedIn.credentials, 'read');
      client = createClient(options);
      const ca = options.tls?.ca;
      if (ca instanceof Promise) ca.catch((err: unknown) => configError((err as Error).message));
    } catch (err) {
      configError((err as Error).message);
    }
    node.client = client;

    node.register = (user: Node) => {
      users[user.id] = user;
    };
    node.deregister = (user: Node) => {
      delete users[user.id];
    };
    (node as { hasCredentials: boolean }).hasCredentials = Boolean(credentials.username && credentials.password);
    (node as { label: string }).label = String(def.name ?? '').trim() || node.camera;
    let level: Promise<string | undefined> | undefined;
    node.userLevel = () => {
      if (!client) return Promise.resolve(undefined);
      level ??= readUserLevel(client).catch(() => undefined);
      // Not known (camera off): ask again next time.
      level.then((l) => { if (l === undefined) level = undefined; }, () => undefined);
      return level;
    };
    // Model and firmware for the plant's messages: asked once, and again a while after a camera that did not tell.
    interface DeviceAsk {
      at: number;
      info: Promise<DeviceInfo | undefined>;
      told?: boolean;
    }
    let device: DeviceAsk | undefined;
    node.deviceInfo = () => {
      if (!client) return Promise.resolve(undefined);
      if (device && device.told === false && Date.now() - device.at > DEVICE_RETRY_MS) device = undefined;
      if (!device) {
        const asked: DeviceAsk = { at: Date.now(), info: readDeviceInfo(client).catch(() => undefined) };
        asked.info.then((info) => (asked.told = info !== undefined));
        device = asked;
      }
      return device.info;
    };
    node.apiVersion = async () => {
      if (!client) throw new Error(node.configError ?? 'no client');
      if (node.apiVersionSetting !== 'auto') return node.apiVersionSetting;
      return client.negotiatedVersion();
    };

    addDeployedCamera(RED, node);

    node.on('close', (_removed: boolean, done: () => void) => {
      removeDeployedCamera(RED, node);
      try {
        client?.close();
      } catch (err) {
        node.warn(err);
      }
      for (const id of Object.keys(users)) delete users[id];
      done();
    });
  }

  registerAdminRoutes(RED);

  RED.nodes.registerType('thermometry-camera', ThermometryCameraNode, {
    credentials: {
      username: { type: 'text' },
      password: { type: 'password' },
    },
  });
};
