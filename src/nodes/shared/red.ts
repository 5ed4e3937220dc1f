/**
 * The small part of Node-RED's runtime API our nodes use, typed here so that
 * the nodes compile strictly without @types/node-red (which is not installed).
 */

export interface NodeStatus {
  fill?: 'red' | 'green' | 'yellow' | 'blue' | 'grey';
  shape?: 'ring' | 'dot';
  text?: string;
}

export type NodeMessage = Record<string, unknown> & { payload?: unknown; _msgid?: string };

/** One msg, one per output, or (in an output's place) an array of msgs sent on that output in turn. */
export type SendFunction = (msg: NodeMessage | (NodeMessage | NodeMessage[] | null)[] | null) => void;
export type DoneFunction = (err?: Error) => void;

export interface Node {
  id: string;
  type: string;
  name?: string;
  z?: string;
  credentials?: Record<string, string | undefined>;
  on(event: 'input', handler: (msg: NodeMessage, send: SendFunction, done: DoneFunction) => void): void;
  on(event: 'close', handler: (removed: boolean, done: () => void) => void): void;
  send(msg: NodeMessage | (NodeMessage | NodeMessage[] | null)[] | null): void;
  status(status: NodeStatus | Record<string, never>): void;
  error(err: unknown, msg?: NodeMessage): void;
  warn(text: unknown): void;
  log(text: unknown): void;
  debug(text: unknown): void;
}

export interface NodeDef {
  id: string;
  type: string;
  name?: string;
  [key: string]: unknown;
}

/** A function Node-RED calls: a node constructor, a route handler, a middleware. */
export type Callable = (...args: never[]) => unknown;

export interface NodeAPI {
  nodes: {
    createNode(node: object, def: NodeDef): void;
    registerType(type: string, ctor: Callable, opts?: { credentials?: Record<string, { type: string }>; settings?: object }): void;
    getNode(id: string): unknown;
    /** A deployed node's credentials (decrypted), for the admin routes that use the stored password. */
    getCredentials?(id: string): Record<string, string | undefined> | undefined;
  };
  httpAdmin?: { get(path: string, ...handlers: Callable[]): void; post(path: string, ...handlers: Callable[]): void };
  auth?: { needsPermission(permission: string): Callable };
  /** The runtime's event bus: one object shared by every node module (each has a RED of its own). */
  events?: object;
  /** Node-RED's deep copy of a message (what a node sending one msg to several places uses). */
  util?: { cloneMessage<T>(msg: T): T };
  /** Localized message of this node set's catalogue (locales/<lang>/<node>.json). */
  _(key: string, substitutions?: Record<string, unknown>): string;
  /** settings.js as Node-RED read it (the package's own key: axisThermometry). */
  settings?: Record<string, unknown>;
  log: { info(t: unknown): void; warn(t: unknown): void; error(t: unknown): void; debug(t: unknown): void };
}
