/**
 * The one input handler behind the area, group, spot and settings nodes (and
 * the status node's reads): pick the method, build its parameters, call the
 * camera through the config node's shared client, and send the msg on with
 * msg.payload = the normalized reply and msg.thermometry = what was done.
 */
import { t, tFast } from './i18n';
import type { MethodName } from '../../api/methods';
import type { CameraConfigNode } from './camera-api';
import { toNodeError, shortReason, plainReason, withUserLevel, ThermometryNodeError } from './errors';
import { buildParams, resolveOperation, NodeInputError } from './params';
import type { OperationNodeSpec } from './node-specs';
import type { DoneFunction, Node, NodeAPI, NodeDef, NodeMessage, SendFunction } from './red';
import { resultStatus, toPayload } from './results';
import { findCamera } from './cameras';

// Declared beside the specs themselves, which the editor's bundle reads without this runtime module.
export type { OperationNodeSpec } from './node-specs';

/**
 * An operation of a node's own that is no thermometry method (the settings
 * node's palette, through param.cgi): it gets the camera (checked usable) and
 * the message, and answers the payload, msg.thermometry's fields and the
 * status text. Throws a ThermometryError or NodeInputError to fail.
 */
export type OwnOperation = (
  camera: CameraConfigNode & { client: NonNullable<CameraConfigNode['client']> },
  def: NodeDef,
  msg: NodeMessage,
) => Promise<{ payload: unknown; thermometry?: Record<string, unknown>; status: string }>;

/** A node's own step around the shared call. */
export interface OperationNodeHooks {
  /** Operations of the node's own, by the name msg.operation or the form uses. */
  ownOperations?: Readonly<Record<string, OwnOperation>>;
  /** After a call that succeeded, before the reply is sent: a node's own check (it may add a warning; it never fails the call). */
  afterCall?: (node: Node, camera: CameraConfigNode, outcome: CallOutcome, msg: NodeMessage) => Promise<void>;
}

export interface CallOutcome {
  method: MethodName;
  payload: unknown;
  /** camera: host:port of the camera that answered; cameraName: its config node's name (else host:port); warning: what the camera took but the user should know. */
  thermometry: { method: MethodName; apiVersion?: string; camera: string; cameraName: string; context?: string; unit?: string; warning?: string };
}

/** Methods whose reply holds temperatures: msg.thermometry.unit says in which scale. */
const TEMPERATURE_METHODS: ReadonlySet<MethodName> = new Set<MethodName>(['getAreaStatus', 'getGroupStatus', 'getSpotTemperature', 'getIsothermLevels', 'listAreas', 'listGroups']);

/** The config node a node points at; undefined when none is chosen or it is not deployed. */
export function cameraOf(RED: NodeAPI, def: NodeDef): CameraConfigNode | undefined {
  const id = typeof def.camera === 'string' ? def.camera : '';
  return id ? ((RED.nodes.getNode(id) as CameraConfigNode | null) ?? undefined) : undefined;
}

/**
 * The camera a message is for: msg.camera (a camera config node's name or id)
 * when it has one, else the form's. Throws NodeInputError naming msg.camera.
 */
export function messageCamera(RED: NodeAPI, formCamera: CameraConfigNode | undefined, msg: NodeMessage): CameraConfigNode | undefined {
  return msg.camera === undefined ? formCamera : findCamera(RED, msg.camera, 'camera');
}

/** A node starting: its camera, the node registered as one of its users, and a red ring when the camera cannot be used. */
export function attachCamera(RED: NodeAPI, node: Node, def: NodeDef): CameraConfigNode | undefined {
  const camera = cameraOf(RED, def);
  camera?.register(node);
  if (!camera) node.status({ fill: 'red', shape: 'ring', text: t(RED, 'thermometry.status.noCamera') });
  else if (!camera.client) node.status({ fill: 'red', shape: 'ring', text: t(RED, 'thermometry.status.badConfig') });
  else if (!camera.hasCredentials) node.status({ fill: 'red', shape: 'ring', text: plainReason({ kind: 'credentials' }) });
  return camera;
}

/** The error of a call to a camera without user name and password (imported flows have none). */
export function credentialsError(camera: CameraConfigNode, method?: string): ThermometryNodeError {
  return toNodeError({ kind: 'credentials', message: `camera "${camera.label}" (${camera.camera}) has none set` }, method);
}

/** One call: method and params already decided. Throws ThermometryNodeError. */
export async function callCamera(
  RED: NodeAPI,
  camera: CameraConfigNode | undefined,
  method: MethodName,
  params: Record<string, unknown>,
  context?: string,
): Promise<CallOutcome> {
  if (!camera) throw toNodeError(new NodeInputError(t(RED, 'thermometry.error.noCamera'), 'camera'), method);
  if (!camera.client) throw toNodeError({ kind: 'configuration', message: t(RED, 'thermometry.error.config', { reason: camera.configError ?? '' }) }, method);
  if (!camera.hasCredentials) throw credentialsError(camera, method);
  let result: unknown;
  try {
    result = await camera.client.call(method, params, context !== undefined ? { context } : undefined);
  } catch (err) {
    throw toNodeError(await withUserLevelOf(camera, err), method);
  }
  let apiVersion: string | undefined;
  try {
    apiVersion = await camera.apiVersion();
  } catch {
    apiVersion = undefined; // the call succeeded; an unknown version is no reason to fail it
  }
  const thermometry: CallOutcome['thermometry'] = { method, apiVersion, camera: camera.camera, cameraName: camera.label };
  if (context !== undefined) thermometry.context = context;
  if (TEMPERATURE_METHODS.has(method)) {
    try {
      // Cached by the client (read again after a change of scale): no extra request per call.
      const scale = (await camera.client.capabilities()).currentTemperatureScale;
      if (scale === 'celsius' || scale === 'fahrenheit') thermometry.unit = scale;
    } catch {
      // an operator without the right to read them, an old camera: the reply still stands
    }
  }
  return { method, payload: toPayload(method, params, result), thermometry };
}

/** A refusal for the user's level names that level (the camera tells it through usergroup.cgi). */
async function withUserLevelOf(camera: CameraConfigNode, err: unknown): Promise<unknown> {
  if (!err || typeof err !== 'object' || (err as { kind?: unknown }).kind !== 'authorization') return err;
  let level: string | undefined;
  try {
    level = await camera.userLevel();
  } catch {
    level = undefined;
  }
  return withUserLevel(err, level);
}

/** Everything a message asks for, checked; throws ThermometryNodeError naming the field. */
export function planCall(spec: OperationNodeSpec, def: NodeDef, msg: NodeMessage): { method: MethodName; params: Record<string, unknown>; context?: string } {
  let method: MethodName | undefined;
  try {
    method = resolveOperation(spec.operations, def.operation, msg.operation);
    const params = buildParams(method, def, msg.payload, spec.fieldNames);
    let context: string | undefined;
    if (msg.context !== undefined) {
      if (typeof msg.context !== 'string') throw new NodeInputError('msg.context must be a string (it is sent to the camera and echoed back)', 'context');
      context = msg.context;
    }
    return { method, params, context };
  } catch (err) {
    throw err instanceof ThermometryNodeError ? err : toNodeError(err, method);
  }
}

export function successText(RED: NodeAPI, outcome: CallOutcome, params: Record<string, unknown>): string {
  const { key, values } = resultStatus(outcome.method, params, outcome.payload, outcome.thermometry.unit);
  // At every poll of every camera: translated once, numbers filled in.
  return tFast(RED, `thermometry.result.${key}`, values);
}

export function showError(node: Node, err: ThermometryNodeError): void {
  node.status({ fill: 'red', shape: 'ring', text: shortReason(err) });
}

/** Register a node type that runs one operation per input message. */
export function registerOperationNode(RED: NodeAPI, spec: OperationNodeSpec, hooks: OperationNodeHooks = {}): void {
  function OperationNode(this: Node, def: NodeDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    const camera = attachCamera(RED, node, def);

    node.on('input', (msg: NodeMessage, send: SendFunction, done: DoneFunction) => {
      const ownName = ownOperationOf(hooks, def, msg);
      if (ownName) {
        runOwnOperation(RED, node, camera, ownName, hooks.ownOperations![ownName], def, msg, send, done);
        return;
      }
      // Nothing a message carries may escape as an exception: every path ends in done().
      let planned: ReturnType<typeof planCall>;
      let target: CameraConfigNode | undefined;
      let method: MethodName | undefined;
      try {
        planned = planCall(spec, def, msg);
        method = planned.method;
        target = messageCamera(RED, camera, msg);
      } catch (err) {
        const nodeErr = err instanceof ThermometryNodeError ? err : toNodeError(err, method);
        attachError(msg, nodeErr);
        showError(node, nodeErr);
        finishWithError(node, done, nodeErr, msg);
        return;
      }
      node.status({ fill: 'blue', shape: 'dot', text: t(RED, 'thermometry.status.busy', { method: planned.method }) });
      callCamera(RED, target, planned.method, planned.params, planned.context)
        .then(async (outcome) => {
          if (hooks.afterCall && target) await hooks.afterCall(node, target, outcome, msg).catch(() => undefined);
          putOnMsg(msg, { payload: outcome.payload, thermometry: outcome.thermometry }, planned.method);
          node.status({ fill: 'green', shape: 'dot', text: successText(RED, outcome, planned.params) });
          send(msg);
          done();
        })
        .catch((err: unknown) => {
          const nodeErr = err instanceof ThermometryNodeError ? err : toNodeError(err, planned.method);
          attachError(msg, nodeErr);
          showError(node, nodeErr);
          finishWithError(node, done, nodeErr, msg);
        })
        .catch((err: unknown) => logLast(node, err));
    });

    node.on('close', (_removed: boolean, done: () => void) => {
      camera?.deregister(node);
      done();
    });
  }
  RED.nodes.registerType(spec.type, OperationNode);
}

/** The node's own operation a message asks for (msg.operation, else the form's), or undefined for a method of the table. */
function ownOperationOf(hooks: OperationNodeHooks, def: NodeDef, msg: NodeMessage): string | undefined {
  const own = hooks.ownOperations;
  if (!own) return undefined;
  let requested: unknown;
  try {
    requested = msg.operation;
  } catch {
    return undefined;
  }
  const name = requested === undefined || requested === null || requested === '' ? def.operation : requested;
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(own, name) ? name : undefined;
}

/** A node's own operation, with the same checks, status, msg fields and done() as a method's call. */
function runOwnOperation(
  RED: NodeAPI,
  node: Node,
  formCamera: CameraConfigNode | undefined,
  name: string,
  operation: OwnOperation,
  def: NodeDef,
  msg: NodeMessage,
  send: SendFunction,
  done: DoneFunction,
): void {
  const fail = (err: unknown) => {
    const nodeErr = err instanceof ThermometryNodeError ? err : toNodeError(err, name);
    attachError(msg, nodeErr);
    showError(node, nodeErr);
    finishWithError(node, done, nodeErr, msg);
  };
  let target: CameraConfigNode | undefined;
  try {
    target = messageCamera(RED, formCamera, msg);
    if (!target) throw new NodeInputError(t(RED, 'thermometry.error.noCamera'), 'camera');
    if (!target.client) throw toNodeError({ kind: 'configuration', message: t(RED, 'thermometry.error.config', { reason: target.configError ?? '' }) }, name);
    if (!target.hasCredentials) throw credentialsError(target, name);
  } catch (err) {
    fail(err);
    return;
  }
  const camera = target as CameraConfigNode & { client: NonNullable<CameraConfigNode['client']> };
  node.status({ fill: 'blue', shape: 'dot', text: t(RED, 'thermometry.status.busy', { method: name }) });
  operation(camera, def, msg)
    .then((answer) => {
      putOnMsg(msg, { payload: answer.payload, thermometry: { method: name, camera: camera.camera, cameraName: camera.label, ...answer.thermometry } }, name);
      node.status({ fill: 'green', shape: 'dot', text: answer.status });
      send(msg);
      done();
    })
    .catch(async (err: unknown) => fail(await withUserLevelOf(camera, err)))
    .catch((err: unknown) => logLast(node, err));
}

/**
 * The failed call's details on the msg a Catch node receives (msg.thermometry.error).
 * Never throws: it runs in promise handlers, where a msg that takes no property
 * (frozen upstream, a throwing getter or setter) would otherwise end in an
 * unhandled rejection and stop Node-RED. Such a msg still reaches done(err).
 */
export function attachError(msg: NodeMessage, err: ThermometryNodeError): void {
  try {
    const previous = msg.thermometry && typeof msg.thermometry === 'object' ? (msg.thermometry as Record<string, unknown>) : {};
    msg.thermometry = { ...previous, method: err.info.method ?? previous.method, error: { ...err.info } };
  } catch {
    // the error still goes to done(err) with its message and code
  }
}

/**
 * Fields of the reply put on the msg. A msg that will not take one (frozen,
 * or the property read-only, e.g. after Object.freeze in a Function node) is
 * an error naming the field and what to do, not a bare TypeError.
 */
export function putOnMsg(msg: NodeMessage, fields: Record<string, unknown>, method?: string): void {
  for (const [name, value] of Object.entries(fields)) {
    let kept: boolean;
    try {
      msg[name] = value;
      kept = msg[name] === value;
    } catch {
      kept = false;
    }
    if (!kept) {
      throw toNodeError(new NodeInputError(`msg.${name} cannot be written: the message is frozen or msg.${name} is read-only (e.g. Object.freeze in a Function node); pass on a copy of the message (RED.util.cloneMessage)`, name), method);
    }
  }
}

/** What a Catch node gets in place of a msg Node-RED cannot copy: the msg's id and topic, and our msg.thermometry. */
function standIn(msg: NodeMessage): NodeMessage {
  const out: NodeMessage = {};
  for (const name of ['_msgid', 'topic', 'thermometry']) {
    try {
      const value = msg[name];
      if (value === undefined) continue;
      // msg.thermometry is ours and shallow (attachError); anything else only as plain text.
      out[name] = name === 'thermometry' ? { ...(value as Record<string, unknown>) } : typeof value === 'string' ? value : undefined;
    } catch {
      // a throwing getter: left out
    }
  }
  return out;
}

/**
 * done(err) that cannot end the process. Node-RED copies the msg for every
 * Catch node; a msg it cannot copy (an array nested thousands deep, a throwing
 * getter) makes done() throw, and in a promise handler that throw would be an
 * unhandled rejection, on which Node-RED exits. Then the Catch nodes get the
 * error with a stand-in msg (its _msgid, topic and msg.thermometry), and
 * failing that the log has it.
 */
export function finishWithError(node: Node, done: DoneFunction, err: ThermometryNodeError, msg: NodeMessage): void {
  try {
    done(err);
    return;
  } catch (copyError) {
    const why = copyError instanceof Error ? copyError.message : 'unknown';
    const told = new ThermometryNodeError(`${err.message} (the message itself could not be copied for a Catch node: ${why}; it is replaced by its _msgid, topic and msg.thermometry)`, err.info);
    try {
      node.error(told, standIn(msg));
    } catch {
      logLast(node, told);
    }
  }
}

/** The last resort of a promise chain: the log, and nothing that can throw again. */
export function logLast(node: Node, err: unknown): void {
  try {
    node.error(err instanceof Error ? err.message : String(err));
  } catch {
    // nothing left that could report it
  }
}
