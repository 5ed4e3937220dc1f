/** Node `thermometry-area`: operations listed in ../shared/node-specs.ts. */
import { NODE_SPECS } from '../shared/node-specs';
import { registerOperationNode } from '../shared/operation-node';
import type { NodeAPI } from '../shared/red';

export = function register(RED: NodeAPI): void {
  registerOperationNode(RED, NODE_SPECS['thermometry-area']);
};
