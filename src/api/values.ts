/**
 * What a value a caller hands us is, told the same way everywhere (nodes,
 * client, emulator).
 *
 * Objects may come from another vm realm: Node-RED runs Function nodes in
 * their own context, so `{threshold: 70}` built there has that context's
 * Object.prototype, not ours. Identity checks against this realm's
 * Object.prototype or `instanceof Object` refuse every such object; the checks
 * here look at shape, not identity.
 */

/** Object.prototype's [[Class]] tags for built-ins that are objects but not parameter bags. */
const TAG = (value: object): string => Object.prototype.toString.call(value).slice(8, -1);

/**
 * A plain object of any realm: its prototype is null, or is an
 * Object.prototype (own constructor named Object, itself without prototype).
 * Arrays, Buffers, Dates, Maps and class instances are not.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  try {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === null) return true;
    if (typeof proto !== 'object' || Object.getPrototypeOf(proto) !== null) return false;
    // A data property read without getters: a hostile proxy or accessor must not run here.
    const ctor: unknown = Object.getOwnPropertyDescriptor(proto, 'constructor')?.value;
    return typeof ctor === 'function' && ctor.name === 'Object' && TAG(value) === 'Object';
  } catch {
    return false; // a Proxy whose traps throw is no parameter object
  }
}

/** "an array", "a Buffer", "a Date", "an object", "a string", "an instance of Foo": for "got ..." in error messages. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value !== 'object') return withArticle(typeof value);
  try {
    if (Array.isArray(value)) return 'an array';
    if (isNodeBuffer(value)) return 'a Buffer';
    if (isPlainObject(value)) return 'an object';
    const tag = TAG(value);
    if (tag !== 'Object') return withArticle(tag); // Date, Map, Set, RegExp, Uint8Array, Error, Promise, ... of any realm
    const ctor: unknown = Object.getPrototypeOf(value)?.constructor;
    const name = typeof ctor === 'function' && ctor.name ? ctor.name : '';
    return name && name !== 'Object' ? `an instance of ${name}` : 'an object with an unusual prototype';
  } catch {
    return 'an unreadable object';
  }
}

/**
 * A Node.js Buffer, told by shape (a Uint8Array made by Buffer) rather than
 * Buffer.isBuffer: the editor runs this file in the browser, where there is
 * no Buffer, and the shape also holds for a Buffer of another realm.
 */
function isNodeBuffer(value: object): boolean {
  if (TAG(value) !== 'Uint8Array') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  const ctor: unknown = proto ? Object.getOwnPropertyDescriptor(proto, 'constructor')?.value : undefined;
  return typeof ctor === 'function' && ctor.name === 'Buffer';
}

function withArticle(word: string): string {
  // "a Uint8Array" is said with a y-sound: no "an" before it.
  return `${/^(?:[aeio]|u(?!int))/i.test(word) ? 'an' : 'a'} ${word}`;
}
