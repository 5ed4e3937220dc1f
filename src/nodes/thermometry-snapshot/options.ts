/**
 * What one input asks of the snapshot node: the image options from the editor,
 * each overridable by a msg property of the same name (msg.resolution,
 * msg.compression, msg.channel, msg.overlay), checked with the rules of
 * src/api/image.ts; and the file name the picture is given.
 */
import { imageOptionProblem, type ImageOptions } from '../../api/image';
import { NodeInputError } from '../shared/params';
import type { NodeDef, NodeMessage } from '../shared/red';
import { OPTIONS, isUnset, optionValue } from './settings';

export interface SnapshotRequest {
  image: ImageOptions;
  overlay: boolean;
}

export function snapshotRequest(def: NodeDef, msg: NodeMessage): SnapshotRequest {
  const image: ImageOptions = {};
  for (const { prop, option } of OPTIONS) {
    const fromMsg = !isUnset(msg[prop]);
    const raw = fromMsg ? msg[prop] : def[prop];
    if (isUnset(raw)) continue;
    const value = optionValue(option, raw);
    const problem = imageOptionProblem(option, value);
    if (problem) {
      // The rule in the words of the field the user set: msg.channel, or the editor's channel.
      const field = fromMsg ? `msg.${prop}` : prop;
      throw new NodeInputError(problem.replace(/^"\w+"/, field), field);
    }
    (image as Record<string, unknown>)[option] = value;
  }
  let overlay = def.overlay === true || def.overlay === 'true';
  if (msg.overlay !== undefined) {
    if (msg.overlay === true || msg.overlay === 'true') overlay = true;
    else if (msg.overlay === false || msg.overlay === 'false') overlay = false;
    else throw new NodeInputError(`msg.overlay must be true or false (got ${JSON.stringify(msg.overlay)?.slice(0, 40)})`, 'msg.overlay');
  }
  return { image, overlay };
}

/** "<camera>_<UTC time>.jpg", safe on every file system: e.g. Furnace-cam_2026-12-02T17-45-03.123Z.jpg. */
export function snapshotFilename(cameraName: string, when: Date): string {
  const name = cameraName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 60) || 'camera';
  const stamp = when.toISOString().replace(/:/g, '-');
  return `${name}_${stamp}.jpg`;
}
