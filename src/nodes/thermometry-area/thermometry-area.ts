/** Node `thermometry-area`: operations listed in ../shared/node-specs.ts. */
import { NODE_SPECS } from '../shared/node-specs';
import { registerOperationNode, type CallOutcome } from '../shared/operation-node';
import type { CameraConfigNode } from '../shared/camera-api';
import type { Node, NodeAPI, NodeMessage } from '../shared/red';

/**
 * Two areas of one name confuse whoever finds areas by name (a dashboard, a
 * person reading the camera's picture): after an add whose name
 * another area of the camera has, the node warns (and msg.thermometry.warning
 * says so). API 1.3 cameras refuse such names themselves.
 */
async function warnOfSameName(node: Node, camera: CameraConfigNode, outcome: CallOutcome, _msg: NodeMessage): Promise<void> {
  if (outcome.method !== 'addArea') return;
  const area = outcome.payload as { id?: unknown; name?: unknown };
  if (typeof area?.name !== 'string' || !area.name) return;
  const { areaList } = await camera.client!.call('listAreas');
  const others = areaList.filter((a) => a.name === area.name && a.id !== area.id).map((a) => a.id);
  if (!others.length) return;
  const warning = `the camera has another area named "${area.name}" (id ${others.join(', ')}): flows and people that find areas by name cannot tell them apart; give this one another name`;
  node.warn(`area ${String(area.id)}: ${warning}`);
  outcome.thermometry.warning = warning;
}

export = function register(RED: NodeAPI): void {
  registerOperationNode(RED, NODE_SPECS['thermometry-area'], { afterCall: warnOfSameName });
};
