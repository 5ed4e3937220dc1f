/**
 * Reading a camera's whole thermometry setup into one document: the
 * capabilities, scale, isotherm levels, areas, groups (1.2), spot meters,
 * overlay channels (1.3) and the guard tour (PTZ). Reads only; each method is
 * asked only where the camera's API version has it (the method table says).
 */
import { methodAvailable, type ApiVersion } from '../../api/methods';
import type { ConfigurationCapabilities } from '../../api/types';
import type { ThermometryClient } from '../client';
import { ThermometryError } from '../errors';
import { SETUP_FORMAT, SETUP_VERSION, type SetupArea, type SetupDocument, type SetupGroup, type SetupLimits, type SetupSpot } from './document';

/** What an apply needs to know of a camera beside its document. */
export interface CameraSetup {
  document: SetupDocument;
  apiVersion: ApiVersion;
  capabilities: ConfigurationCapabilities;
  /** True when the camera has presets or guard tour settings. */
  ptz: boolean;
  presets: { nbr: number; name: string }[];
}

function limitsOf(caps: ConfigurationCapabilities): SetupLimits {
  const { currentTemperatureScale: _scale, ...limits } = caps;
  return JSON.parse(JSON.stringify(limits)) as SetupLimits;
}

/** A guard tour read, or undefined on a fixed camera (1202) or one older than 1.1. */
async function readGuardTour(client: ThermometryClient, version: ApiVersion): Promise<SetupDocument['guardTour']> {
  if (!methodAvailable('getTgtConfiguration', version)) return undefined;
  try {
    const t = await client.getTgtConfiguration();
    return { pauseOnAlarm: t.pauseOnAlarm, autoResume: t.autoResume };
  } catch (err) {
    if (err instanceof ThermometryError && err.kind === 'vapix' && err.code === 1202) return undefined;
    throw err;
  }
}

async function readSpots(client: ThermometryClient, version: ApiVersion): Promise<SetupSpot[]> {
  if (methodAvailable('listSpotMeters', version)) {
    const meters = (await client.listSpotMeters()).spotMeters;
    const spots: SetupSpot[] = [];
    for (const m of meters) {
      if (!m.active) {
        spots.push({ imagesource: m.imagesource, active: false });
        continue;
      }
      const s = await client.getSpotTemperature({ coordinateSystem: 'coord_neg1_1', imagesource: m.imagesource });
      spots.push({ imagesource: m.imagesource, active: true, spotCoordinates: s.spotCoordinates });
    }
    return spots;
  }
  // Before 1.3 the one spot; the camera shows it (renderOverlay) while it is set.
  const s = await client.getSpotTemperature({ coordinateSystem: 'coord_neg1_1' });
  return [s.renderOverlay ? { active: true, spotCoordinates: s.spotCoordinates } : { active: false }];
}

/**
 * The camera's setup. `source` names the camera in the document (a node
 * passes its config node's name). Fails with the failing read's error.
 */
export async function readCameraSetup(client: ThermometryClient, source: { cameraName?: string } = {}): Promise<CameraSetup> {
  const apiVersion = await client.negotiatedVersion();
  // Asked again: a setup is read rarely, and the limits must be the camera's now.
  const capabilities = await client.capabilities(true);
  const isotherms = await client.getIsothermLevels();
  const areaList = (await client.listAreas({ presetNbr: 0 })).areaList;
  const groupList = methodAvailable('listGroups', apiVersion) ? (await client.listGroups({ presetNbr: 0 })).groupList : undefined;
  const spots = await readSpots(client, apiVersion);
  const overlayList = methodAvailable('listOverlayChannels', apiVersion) ? (await client.listOverlayChannels()).overlayList : undefined;
  const guardTour = await readGuardTour(client, apiVersion);
  const presets = await client.ptzPresets();
  const ptz = presets.length > 0 || guardTour !== undefined;

  const nameOf = new Map(areaList.map((a) => [a.id, a.name]));
  const areas: SetupArea[] = areaList.map((a) => ({
    id: a.id,
    name: a.name,
    imagesource: a.imagesource,
    enabled: a.enabled,
    detectionType: a.detectionType,
    measurement: a.measurement,
    threshold: a.threshold,
    delay: a.delay,
    vertices: a.vertices.map((p) => [p[0], p[1]]),
    areaOverlay: a.areaOverlay,
    temperatureOverlay: a.temperatureOverlay,
    presetNbr: ptz ? a.presetNbr : 0,
  }));
  const document: SetupDocument = {
    format: SETUP_FORMAT,
    version: SETUP_VERSION,
    source: { camera: client.camera, cameraName: source.cameraName ?? client.camera, apiVersion, readAt: new Date().toISOString() },
    limits: limitsOf(capabilities),
    presets,
    scale: capabilities.currentTemperatureScale,
    isotherms: { high: isotherms.high, middle: isotherms.middle, low: isotherms.low, renderOverlay: isotherms.renderOverlay },
    areas,
  };
  if (isotherms.min !== undefined && document.isotherms) document.isotherms.min = isotherms.min;
  if (groupList) {
    document.groups = groupList.map((g): SetupGroup => ({
      id: g.id,
      name: g.name,
      enabled: g.enabled,
      measurement: g.measurement,
      threshold: g.threshold,
      delay: g.delay,
      // A member the camera lists but no longer has is left out: it cannot be named.
      areas: g.areaIds.filter((id) => nameOf.has(id)).map((id) => nameOf.get(id) as string),
      groupOverlay: g.groupOverlay,
      presetNbr: ptz ? g.presetNbr : 0,
    }));
  }
  document.spots = spots;
  if (overlayList) document.overlayChannels = overlayList.map((m) => ({ imagesource: m.imagesource, overlayChannels: [...m.overlayChannels] }));
  if (guardTour) document.guardTour = guardTour;
  return { document, apiVersion, capabilities, ptz, presets };
}

/** The setup document of a camera (readCameraSetup's document). */
export async function readSetup(client: ThermometryClient, source: { cameraName?: string } = {}): Promise<SetupDocument> {
  return (await readCameraSetup(client, source)).document;
}
