/** Node `thermometry-settings`: operations listed in ../shared/node-specs.ts, and the palette (./palette.ts). */
import { NODE_SPECS } from '../shared/node-specs';
import { registerOperationNode } from '../shared/operation-node';
import type { NodeAPI } from '../shared/red';
import { paletteOperations } from './palette';

export = function register(RED: NodeAPI): void {
  registerOperationNode(RED, NODE_SPECS['thermometry-settings'], { ownOperations: paletteOperations });
};
