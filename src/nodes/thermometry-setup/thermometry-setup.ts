/**
 * Node `thermometry-setup`: a camera's whole thermometry setup as one JSON
 * document. "read" puts the document in msg.payload (a file node keeps it: a
 * backup); "apply" makes a camera hold the document in msg.payload (a file
 * node's bytes: a restore; msg.camera: a copy to another camera) and sends the
 * report of what changed. The document logic is the client's (src/client/setup);
 * this node translates messages, form and status.
 */
import { applySetup, readSetup, type SetupChange, type SetupReport } from '../shared/client';
import type { CameraConfigNode } from '../shared/camera-api';
import { toNodeError, ThermometryNodeError } from '../shared/errors';
import { t } from '../shared/i18n';
import { attachCamera, attachError, credentialsError, finishWithError, logLast, messageCamera, putOnMsg, showError } from '../shared/operation-node';
import type { DoneFunction, Node, NodeAPI, NodeDef, NodeMessage, SendFunction } from '../shared/red';
import * as english from './locales/en-US/thermometry-setup.json';
import { documentOf, setupRequest, type SetupRequest } from './settings';

const METHOD = { read: 'readSetup', apply: 'applySetup' } as const;

function say(RED: NodeAPI, key: string, values: Record<string, unknown> = {}): string {
  return t(RED, `thermometry-setup.${key}`, values, english);
}

/** One read or apply at a time per camera: an apply planned on what a concurrent one is changing would write twice. */
const queues = new WeakMap<CameraConfigNode, Promise<unknown>>();
function inTurn<T>(camera: CameraConfigNode, work: () => Promise<T>): Promise<T> {
  const before = queues.get(camera) ?? Promise.resolve();
  const mine = before.then(work, work);
  queues.set(
    camera,
    mine.catch(() => undefined),
  );
  return mine;
}

const named = (c: SetupChange) => `${c.action} ${c.kind} "${c.name}"`;

/** The error of an apply that stopped half-way: what was applied, which write may have been, what was not, and why. */
function stoppedError(report: SetupReport): ThermometryNodeError {
  const f = report.failure!;
  const done = report.applied.length ? `applied: ${report.applied.map(named).join(', ')}` : 'nothing applied before it';
  const maybe = report.mayHaveApplied.length ? `; may have been applied (its reply was lost; read the camera before applying again): ${report.mayHaveApplied.map(named).join(', ')}` : '';
  const not = report.notApplied.length ? `; not applied: ${report.notApplied.map(named).join(', ')}` : '';
  const bare = f.message.startsWith(`${f.method}: `) ? f.message.slice(f.method.length + 2) : f.message;
  const err = toNodeError({ kind: f.kind, code: f.code, reason: f.reason, camera: report.camera, method: f.method, message: `${f.method}: ${bare}` }, f.method);
  return new ThermometryNodeError(
    `applySetup: stopped at ${named(f.change)} (${report.applied.length} of ${report.changes.length} changes applied; ${done}${maybe}${not}): ${err.message}`,
    { ...err.info, method: 'applySetup' },
  );
}

export = function register(RED: NodeAPI): void {
  function ThermometrySetupNode(this: Node, def: NodeDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    const formCamera = attachCamera(RED, node, def);
    let closed = false;
    const status = (s: Parameters<Node['status']>[0]) => {
      if (!closed) node.status(s);
    };

    async function run(msg: NodeMessage, request: SetupRequest, camera: CameraConfigNode): Promise<void> {
      const client = camera.client!;
      const time = new Date().toTimeString().slice(0, 8);
      const thermometry: Record<string, unknown> = { method: METHOD[request.operation], camera: camera.camera, cameraName: camera.label };
      if (request.operation === 'read') {
        const doc = await readSetup(client, { cameraName: camera.label });
        thermometry.apiVersion = doc.source?.apiVersion;
        putOnMsg(msg, { payload: doc, thermometry }, 'readSetup');
        status({ fill: 'green', shape: 'dot', text: say(RED, 'status.read', { areas: doc.areas.length, groups: doc.groups?.length ?? 0, time }) });
        return;
      }
      const input = documentOf(msg.payload);
      const report = await applySetup(client, input, { dryRun: request.dryRun, removeMissing: request.removeMissing });
      try {
        thermometry.apiVersion = await camera.apiVersion();
      } catch {
        // the apply is done; an unknown version is no reason to fail it
      }
      putOnMsg(msg, { payload: report, thermometry }, 'applySetup');
      if (report.failure) {
        status({ fill: 'red', shape: 'ring', text: say(RED, 'status.stopped', { applied: report.applied.length, total: report.changes.length }) });
        throw stoppedError(report);
      }
      const n = report.changes.length;
      const key = n === 0 ? 'status.same' : report.dryRun ? 'status.dryRun' : 'status.applied';
      status({ fill: n === 0 || !report.dryRun ? 'green' : 'yellow', shape: 'dot', text: say(RED, key, { n, time }) });
    }

    node.on('input', (msg: NodeMessage, send: SendFunction, done: DoneFunction) => {
      // Known before the message is read, so that every refusal names the method it was for.
      const asked = msg.operation ?? def.operation;
      const method = asked === 'apply' || asked === 'applySetup' ? METHOD.apply : METHOD.read;
      let request: SetupRequest;
      let camera: CameraConfigNode | undefined;
      try {
        request = setupRequest(def, msg);
        camera = messageCamera(RED, formCamera, msg);
        if (!camera) throw toNodeError({ kind: 'validation', field: 'camera', message: t(RED, 'thermometry.error.noCamera') }, method);
        if (!camera.client) throw toNodeError({ kind: 'configuration', message: t(RED, 'thermometry.error.config', { reason: camera.configError ?? '' }) }, method);
        // An imported flow's camera has no credentials (Node-RED never exports them): said in words, camera not asked.
        if (!camera.hasCredentials) throw credentialsError(camera, method);
      } catch (err) {
        const nodeErr = err instanceof ThermometryNodeError ? err : toNodeError(err, method);
        attachError(msg, nodeErr);
        showError(node, nodeErr);
        finishWithError(node, done, nodeErr, msg);
        return;
      }
      const target = camera;
      status({ fill: 'blue', shape: 'dot', text: say(RED, request.operation === 'read' ? 'status.reading' : 'status.applying') });
      inTurn(target, () => run(msg, request, target))
        .then(() => {
          send(msg);
          done();
        })
        .catch((err: unknown) => {
          const nodeErr = err instanceof ThermometryNodeError ? err : toNodeError(err, METHOD[request.operation]);
          attachError(msg, nodeErr);
          if (!(err instanceof ThermometryNodeError && nodeErr.message.startsWith('applySetup: stopped'))) showError(node, nodeErr);
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
  RED.nodes.registerType('thermometry-setup', ThermometrySetupNode);
};
