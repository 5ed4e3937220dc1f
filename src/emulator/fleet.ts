/**
 * A plant of emulated cameras: N emulators on consecutive ports, each with its
 * own state (areas, groups, scale...), serial number (and so its own Digest
 * realm), and scene, or a flat image with --no-scene. What the CLI's
 * --cameras N, npm run start:plant and the fleet benchmark start.
 *
 *   const fleet = await startFleet({ cameras: 20, port: 18100 });
 *   fleet.emulators[3].url;   // http://127.0.0.1:18103
 *   await fleet.stop();
 */
import * as path from 'node:path';
import type { Emulator, EmulatorOptions } from './server';
import { start } from './server';
import { getProfile } from './profiles';
import { addSceneRoutes, createScene, SCENARIO_NAMES } from './scene';

/** The scenes a fleet cycles through when none is chosen, so neighbouring cameras look at different things. */
const FLEET_SCENARIOS = SCENARIO_NAMES.filter((s) => s !== 'plant' && s !== 'idle');

/**
 * Frames per second of a fleet camera's scene: a camera's 8 costs a twentieth of a core
 * per camera; at 2 the alarms still come within their delay, and 20 cameras share one core lightly.
 */
const FLEET_FRAME_RATE = 2;

/** Most cameras one fleet starts (each holds a server and, with a scene, a frame timer). */
export const MAX_FLEET_CAMERAS = 5000;

export interface FleetOptions extends Omit<EmulatorOptions, 'port' | 'serial' | 'statePath' | 'sensor'> {
  /** How many cameras (1 to MAX_FLEET_CAMERAS). */
  cameras: number;
  /** Port of the first camera; the others follow on port+1, port+2... 0 = each a free port. */
  port?: number;
  /** A folder for the cameras' state files (camera-<n>.json, n from 1), kept over restarts. */
  stateDir?: string;
  /**
   * The scene of every camera: a scenario name, undefined = a scenario per camera in turn
   * (plant on PTZ profiles), null = no scene (a flat 22 °C image, no alarms: the lightest).
   */
  scenario?: string | null;
}

export interface Fleet {
  emulators: Emulator[];
  stop(): Promise<void>;
}

/** Camera n's serial number (n from 1): the profile's maker prefix and n, so the fleet's serials and realms differ. */
export function fleetSerial(profileName: string, n: number): string {
  const prefix = getProfile(profileName).serial.slice(0, 6);
  return `${prefix}${n.toString(16).toUpperCase().padStart(6, '0')}`;
}

/** Camera n's scenario (n from 1), as the fleet's options decide. */
function scenarioOf(options: FleetOptions, n: number): string | undefined {
  if (options.scenario) return options.scenario;
  if (getProfile(options.profile ?? 'fixed').ptz) return 'plant';
  return FLEET_SCENARIOS[(n - 1) % FLEET_SCENARIOS.length];
}

/**
 * Starts the cameras one after the other (a port in use stops the lot with
 * that port named, and the ones already started are stopped again).
 */
export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const count = options.cameras;
  if (!Number.isInteger(count) || count < 1 || count > MAX_FLEET_CAMERAS)
    throw new Error(`cameras must be a whole number from 1 to ${MAX_FLEET_CAMERAS}, got ${count}`);
  const firstPort = options.port ?? 0;
  if (firstPort !== 0 && firstPort + count - 1 > 65535) throw new Error(`ports ${firstPort}-${firstPort + count - 1} go past 65535`);
  const { cameras: _cameras, port: _port, stateDir, scenario: _scenario, ...shared } = options;
  const profile = options.profile ?? 'fixed';
  const emulators: Emulator[] = [];
  const stopAll = async () => {
    await Promise.all(emulators.map((e) => e.stop()));
  };
  try {
    for (let n = 1; n <= count; n++) {
      const scenario = options.scenario === null ? undefined : scenarioOf(options, n);
      // Each camera its own noise seed: twins of one scenario do not read the same.
      const scene = scenario ? createScene({ scenario, seed: n, frameRate: FLEET_FRAME_RATE }) : undefined;
      const port = firstPort === 0 ? 0 : firstPort + n - 1;
      let emulator: Emulator;
      try {
        emulator = await start({
          ...shared,
          port,
          serial: fleetSerial(profile, n),
          sensor: scene,
          statePath: stateDir ? path.join(stateDir, `camera-${n}.json`) : undefined,
        });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE')
          throw Object.assign(new Error(`camera ${n}: port ${port} is in use (the fleet takes ${firstPort}-${firstPort + count - 1})`), { code });
        throw err;
      }
      emulators.push(emulator);
      if (scene) addSceneRoutes(emulator, scene);
    }
  } catch (err) {
    await stopAll();
    throw err;
  }
  return { emulators, stop: stopAll };
}
