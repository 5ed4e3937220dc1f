/**
 * Node `thermometry-snapshot`: on each input message, the camera's JPEG
 * (axis-cgi/jpg/image.cgi through the camera config node's client: same
 * Digest and TLS as the other nodes) in msg.payload, optionally with the
 * areas and the spot drawn on it. The rest of the message is kept, so that an
 * alarm from the event node arrives with its picture; the payload it came
 * with moves to msg.trigger.
 */
import { jpegSize } from '../../imaging';
import { attachCamera, attachError, credentialsError, finishWithError, logLast, messageCamera, putOnMsg, showError } from '../shared/operation-node';
import { toNodeError, ThermometryNodeError } from '../shared/errors';
import { t } from '../shared/i18n';
import type { DoneFunction, Node, NodeAPI, NodeDef, NodeMessage, SendFunction } from '../shared/red';
import * as english from './locales/en-US/thermometry-snapshot.json';
import { drawOverlay, readOverlay } from './overlay';
import { snapshotFilename, snapshotRequest, type SnapshotRequest } from './options';

const METHOD = 'snapshot';
/** JPEG quality of a picture re-encoded with overlays when no compression is asked. */
const DEFAULT_QUALITY = 85;

function say(RED: NodeAPI, key: string, values: Record<string, unknown> = {}): string {
  return t(RED, `thermometry-snapshot.${key}`, values, english);
}

export = function register(RED: NodeAPI): void {
  function ThermometrySnapshotNode(this: Node, def: NodeDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    const formCamera = attachCamera(RED, node, def);
    let closed = false;

    async function take(msg: NodeMessage, request: SnapshotRequest): Promise<{ overlayError?: ThermometryNodeError }> {
      const camera = messageCamera(RED, formCamera, msg);
      if (!camera) throw toNodeError({ kind: 'validation', field: 'camera', message: t(RED, 'thermometry.error.noCamera') }, METHOD);
      const client = camera.client;
      if (!client) throw toNodeError({ kind: 'configuration', message: t(RED, 'thermometry.error.config', { reason: camera.configError ?? '' }) }, METHOD);
      // An imported flow's camera has no credentials (Node-RED never exports them): said in words, camera not asked.
      if (!camera.hasCredentials) throw credentialsError(camera, METHOD);
      const when = new Date();
      // Picture and readings at the same moment: both requests go out together.
      const [shot, readings] = await Promise.all([
        client.snapshot(request.image),
        request.overlay ? readOverlay(client).then((r) => ({ ok: r }), (err: unknown) => ({ err })) : undefined,
      ]);
      let image = shot.image;
      let size = jpegSize(image);
      let overlaid = false;
      let drawnAreas: unknown[] | undefined;
      let overlayError: ThermometryNodeError | undefined;
      if (readings && 'ok' in readings) {
        try {
          const quality = request.image.compression !== undefined ? Math.max(1, 100 - request.image.compression) : DEFAULT_QUALITY;
          const drawn = drawOverlay(image, readings.ok, quality);
          image = drawn.image;
          size = { width: drawn.width, height: drawn.height };
          overlaid = true;
          drawnAreas = readings.ok.drawn;
        } catch (err) {
          overlayError = new ThermometryNodeError(`${METHOD}: ${say(RED, 'error.decode', { reason: (err as Error).message })}`, { kind: 'protocol', method: METHOD });
        }
      } else if (readings) {
        // The reading's own error (e.g. listAreas: this user is a viewer ...), told as the overlay's.
        const cause = toNodeError(readings.err);
        overlayError = new ThermometryNodeError(`${METHOD}: ${say(RED, 'error.overlay', { reason: cause.message })}`, cause.info);
      }
      const cameraName = (camera.name && String(camera.name)) || camera.camera.replace(/[[\]]/g, '');
      // The payload the message came with (an alarm's fields, an inject's timestamp) stays readable.
      if (msg.payload !== undefined) putOnMsg(msg, { trigger: msg.payload }, METHOD);
      putOnMsg(msg, { payload: image, contentType: 'image/jpeg', filename: snapshotFilename(cameraName, when) }, METHOD);
      const info: Record<string, unknown> = {
        camera: camera.camera,
        cameraName: camera.label,
        time: when.toISOString(),
        width: size?.width,
        height: size?.height,
        overlay: overlaid,
      };
      for (const [k, v] of Object.entries(request.image)) info[k === 'camera' ? 'channel' : k] = v;
      if (drawnAreas) info.areas = drawnAreas;
      if (overlayError) info.overlayError = overlayError.message;
      putOnMsg(msg, { snapshot: info }, METHOD);
      return { overlayError };
    }

    node.on('input', (msg: NodeMessage, send: SendFunction, done: DoneFunction) => {
      let request: SnapshotRequest;
      try {
        request = snapshotRequest(def, msg);
      } catch (err) {
        const nodeErr = toNodeError(err, METHOD);
        attachError(msg, nodeErr);
        showError(node, nodeErr);
        finishWithError(node, done, nodeErr, msg);
        return;
      }
      node.status({ fill: 'blue', shape: 'dot', text: say(RED, 'status.busy') });
      take(msg, request)
        .then(({ overlayError }) => {
          const s = msg.snapshot as { width?: number; height?: number };
          const values = { size: `${s.width ?? '?'}x${s.height ?? '?'}`, time: new Date().toTimeString().slice(0, 8) };
          if (overlayError) {
            // The picture matters more than the drawing: it goes out, and the Catch node hears why it is plain.
            if (!closed) node.status({ fill: 'yellow', shape: 'ring', text: say(RED, 'status.plain', values) });
            send(msg);
            finishWithError(node, done, overlayError, msg);
            return;
          }
          if (!closed) node.status({ fill: 'green', shape: 'dot', text: say(RED, request.overlay ? 'status.overlay' : 'status.done', values) });
          send(msg);
          done();
        })
        .catch((err: unknown) => {
          const nodeErr = err instanceof ThermometryNodeError ? err : toNodeError(err, METHOD);
          attachError(msg, nodeErr);
          if (closed) return finishWithError(node, done, nodeErr, msg);
          // A refusal of image.cgi in the picture's own words (the shared wording speaks of thermometry.cgi).
          const { kind, status } = nodeErr.info;
          if (kind === 'protocol' && status !== undefined && status >= 400 && status < 500) {
            node.status({ fill: 'red', shape: 'ring', text: say(RED, status === 404 ? 'status.noImage' : 'status.refused', { status }) });
          } else {
            showError(node, nodeErr);
          }
          finishWithError(node, done, nodeErr, msg);
        })
        .catch((err: unknown) => logLast(node, err));
    });

    node.on('close', (_removed: boolean, done: () => void) => {
      closed = true;
      formCamera?.deregister(node);
      done();
    });
  }
  RED.nodes.registerType('thermometry-snapshot', ThermometrySnapshotNode);
};
