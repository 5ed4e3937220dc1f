/**
 * The palette nodes' operations: which methods of the method table each node
 * offers, the short names msg.operation may use, and which editor property
 * holds a parameter where the two names differ (Node-RED owns a node's `id`
 * and `name`). The runtime and the build step (scripts/assemble-nodes.js,
 * which writes the editor forms and help lists from it) both read this.
 */
import type { NodeOperations } from './params';

/** A palette node's operations, and the editor property of a parameter where the names differ. */
export interface OperationNodeSpec {
  type: string;
  operations: NodeOperations;
  /** Parameter -> editor property, where they differ (Node-RED owns `name` and `id`). */
  fieldNames?: Readonly<Record<string, string>>;
}

export const NODE_SPECS = {
  'thermometry-area': {
    type: 'thermometry-area',
    operations: {
      methods: ['addArea', 'updateArea', 'removeAreas', 'listAreas'],
      aliases: { add: 'addArea', update: 'updateArea', remove: 'removeAreas', list: 'listAreas' },
    },
    fieldNames: { id: 'areaId', name: 'areaName' },
  },
  'thermometry-group': {
    type: 'thermometry-group',
    operations: {
      methods: ['addGroup', 'updateGroup', 'removeGroup', 'listGroups'],
      aliases: { add: 'addGroup', update: 'updateGroup', remove: 'removeGroup', list: 'listGroups' },
    },
    fieldNames: { id: 'groupId', name: 'groupName' },
  },
  'thermometry-spot': {
    type: 'thermometry-spot',
    operations: {
      methods: ['addSpotTemperature', 'getSpotTemperature', 'removeSpotTemperature'],
      aliases: { set: 'addSpotTemperature', read: 'getSpotTemperature', remove: 'removeSpotTemperature' },
    },
  },
  'thermometry-status': {
    type: 'thermometry-status',
    operations: {
      methods: ['getAreaStatus', 'getGroupStatus'],
      aliases: { area: 'getAreaStatus', group: 'getGroupStatus' },
    },
  },
  'thermometry-settings': {
    type: 'thermometry-settings',
    operations: {
      methods: [
        'getSupportedVersions',
        'getConfigurationCapabilities',
        'setTemperatureScale',
        'getIsothermLevels',
        'setIsothermLevels',
        'getTgtConfiguration',
        'setTgtConfiguration',
        'listOverlayChannels',
        'addOverlayChannel',
        'removeOverlayChannel',
        'listSpotMeters',
      ],
      aliases: {
        versions: 'getSupportedVersions',
        capabilities: 'getConfigurationCapabilities',
        scale: 'setTemperatureScale',
        getIsotherms: 'getIsothermLevels',
        setIsotherms: 'setIsothermLevels',
        getGuardTour: 'getTgtConfiguration',
        setGuardTour: 'setTgtConfiguration',
        overlays: 'listOverlayChannels',
        addOverlay: 'addOverlayChannel',
        removeOverlay: 'removeOverlayChannel',
        spotMeters: 'listSpotMeters',
      },
    },
  },
} as const satisfies Record<string, OperationNodeSpec>;

/** The spec of a node type, or undefined for a node that is no operation node (camera, event, snapshot). */
export function nodeSpecOf(type: string): OperationNodeSpec | undefined {
  return Object.prototype.hasOwnProperty.call(NODE_SPECS, type) ? (NODE_SPECS as Record<string, OperationNodeSpec>)[type] : undefined;
}
