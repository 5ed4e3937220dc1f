#!/usr/bin/env node
/**
 * axis-thermal-emulator: a fake Axis thermal camera on one command.
 *   npx axis-thermal-emulator --port 8080 --profile ptz --state ./camera.json
 */
import * as fs from 'node:fs';
import { API_VERSIONS, ApiVersion, ROLES, Role } from '../api/methods';
import { THERMOMETRY_PATH, WSSESSION_PATH, WS_DATA_STREAM_PATH } from '../api/paths';
import type { DigestAlgorithm, EmulatorUser } from './digest-auth';
import { DEFAULT_DIGEST_ALGORITHMS, DEFAULT_USERS, DIGEST_ALGORITHMS } from './digest-auth';
import { PROFILE_NAMES } from './profiles';
import { start } from './server';
import { startFleet, MAX_FLEET_CAMERAS } from './fleet';
import { addSceneRoutes, createScene, SCENARIO_NAMES, ThermalScene } from './scene';
import { startAnnouncer } from './announce';
import type { Emulator } from './server';

const HELP = `Usage: axis-thermal-emulator [options]

A fake Axis thermal camera serving axis-cgi/thermometry.cgi (VAPIX Thermometry
API ${API_VERSIONS[0]}-${API_VERSIONS[API_VERSIONS.length - 1]}) with HTTP Digest authentication.

Options:
  --port <n>               port to listen on (default 8080; 0 picks a free one)
  --host <addr>            address to listen on (default 127.0.0.1)
  --profile <name>         camera profile: ${PROFILE_NAMES.join(', ')} (default fixed;
                           bispectral: thermal and visual image sources, overlay channels)
  --state <file>           keep the configuration in this JSON file over restarts
                           (with --cameras: a folder, one camera-<n>.json each)
  --cameras <n>            a plant of n cameras (1-${MAX_FLEET_CAMERAS}) on consecutive ports from
                           --port, each its own state, serial number and scene
                           (scenarios in turn unless --scenario; --no-scene: flat)
  --user <name:pass:role>  a user (repeatable; replaces the defaults);
                           role is ${ROLES.join(', ')}
  --api-versions <list>    versions served, e.g. 1.0,1.1 (default ${API_VERSIONS.join(',')})
  --tls-key <file>         serve https with this PEM key (with --tls-cert)
  --tls-cert <file>        serve https with this PEM certificate (with --tls-key)
  --basic-only             offer Basic instead of Digest (as Axis does over HTTPS)
  --digest <list>          Digest algorithms offered, one challenge each in this
                           order: MD5 (default, as Axis cameras), SHA-256,MD5
  --scenario <name>        thermal scene: ${SCENARIO_NAMES.join(', ')}
                           (default furnace-door, plant on ptz profiles)
  --no-scene               no thermal scene: a flat 22 °C image, no alarms
  --no-events              do not serve the event stream (wssession.cgi + WebSocket)
  --announce               answer discovery as Axis cameras do: DNS-SD _axis-video._tcp
                           over multicast DNS (224.0.0.251:5353) and SSDP M-SEARCH
                           (239.255.255.250:1900); off by default
  --announce-ports <m,s>   answer discovery by unicast on --host at these two ports
                           (mDNS, SSDP) instead: for trying it where multicast cannot go
  -h, --help               show this help

Default users: ${DEFAULT_USERS.map((u) => `${u.username}/${u.password} (${u.role})`).join(', ')}.
Stops on SIGINT (Ctrl+C) and SIGTERM.
`;

export interface CliOptions {
  port: number;
  host: string;
  profile: string;
  statePath?: string;
  users?: EmulatorUser[];
  apiVersions?: ApiVersion[];
  tlsKey?: string;
  tlsCert?: string;
  basicOnly: boolean;
  digestAlgorithms?: DigestAlgorithm[];
  /** undefined = the profile's default scenario; null = no scene. */
  scenario?: string | null;
  events: boolean;
  help: boolean;
  /** How many cameras; more than one starts a fleet (src/emulator/fleet.ts). */
  cameras: number;
  /** Answer discovery: 'multicast', or unicast at the given ports (src/emulator/announce.ts). */
  announce?: 'multicast' | { mdns: number; ssdp: number };
}

/** Parses the command line; throws an Error with a message for the user. */
function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = { port: 8080, host: '127.0.0.1', profile: 'fixed', basicOnly: false, events: true, help: false, cameras: 1 };
  const users: EmulatorUser[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (arg.startsWith('--') && eq > 0) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '-h':
      case '--help':
        opts.help = true;
        break;
      case '--port': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) > 65535) throw new Error(`--port: "${v}" is not a port number (0-65535)`);
        opts.port = Number(v);
        break;
      }
      case '--host':
        opts.host = value();
        break;
      case '--cameras': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > MAX_FLEET_CAMERAS)
          throw new Error(`--cameras: "${v}" is not a number of cameras (1-${MAX_FLEET_CAMERAS})`);
        opts.cameras = Number(v);
        break;
      }
      case '--profile': {
        const v = value();
        if (!PROFILE_NAMES.includes(v)) throw new Error(`--profile: unknown profile "${v}"; known: ${PROFILE_NAMES.join(', ')}`);
        opts.profile = v;
        break;
      }
      case '--state':
        opts.statePath = value();
        break;
      case '--user': {
        const v = value();
        const first = v.indexOf(':');
        const last = v.lastIndexOf(':');
        const role = v.slice(last + 1) as Role;
        if (first <= 0 || last === first || !ROLES.includes(role)) {
          throw new Error(`--user: expected name:password:role with role one of ${ROLES.join(', ')}`);
        }
        users.push({ username: v.slice(0, first), password: v.slice(first + 1, last), role });
        break;
      }
      case '--api-versions': {
        const list = value()
          .split(',')
          .map((v) => v.trim());
        for (const v of list) {
          if (!(API_VERSIONS as readonly string[]).includes(v)) throw new Error(`--api-versions: unknown version "${v}"; known: ${API_VERSIONS.join(', ')}`);
        }
        opts.apiVersions = list as ApiVersion[];
        break;
      }
      case '--tls-key':
        opts.tlsKey = value();
        break;
      case '--tls-cert':
        opts.tlsCert = value();
        break;
      case '--basic-only':
        opts.basicOnly = true;
        break;
      case '--digest': {
        const list = value()
          .split(',')
          .map((v) => v.trim().toUpperCase());
        for (const v of list) {
          if (!(DIGEST_ALGORITHMS as readonly string[]).includes(v))
            throw new Error(`--digest: unknown algorithm "${v}"; known: ${DIGEST_ALGORITHMS.join(', ')}`);
        }
        if (new Set(list).size !== list.length) throw new Error('--digest: an algorithm is listed twice');
        opts.digestAlgorithms = list as DigestAlgorithm[];
        break;
      }
      case '--scenario': {
        const v = value();
        if (!SCENARIO_NAMES.includes(v)) throw new Error(`--scenario: unknown scenario "${v}"; known: ${SCENARIO_NAMES.join(', ')}`);
        opts.scenario = v;
        break;
      }
      case '--no-scene':
        opts.scenario = null;
        break;
      case '--no-events':
        opts.events = false;
        break;
      case '--announce':
        opts.announce = 'multicast';
        break;
      case '--announce-ports': {
        const v = value();
        const m = /^(\d{1,5}),(\d{1,5})$/.exec(v);
        if (!m || Number(m[1]) > 65535 || Number(m[2]) > 65535) throw new Error(`--announce-ports: "${v}" must be two ports, mDNS and SSDP, e.g. 15353,11900`);
        opts.announce = { mdns: Number(m[1]), ssdp: Number(m[2]) };
        break;
      }
      default:
        throw new Error(`unknown option "${arg}" (see --help)`);
    }
  }
  if (users.length) opts.users = users;
  if (!opts.tlsKey !== !opts.tlsCert) throw new Error('--tls-key and --tls-cert go together');
  if (opts.cameras > 1 && opts.port !== 0 && opts.port + opts.cameras - 1 > 65535)
    throw new Error(`--cameras ${opts.cameras} from --port ${opts.port} goes past port 65535`);
  return opts;
}

async function main(): Promise<void> {
  let opts: CliOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`axis-thermal-emulator: ${(err as Error).message}\n`);
    process.exit(2);
  }
  if (opts.help) {
    process.stdout.write(HELP);
    return;
  }
  if (opts.cameras > 1) return runFleet(opts);
  let emulator;
  // The scene makes temperatures move and alarms fire; its routes add image.cgi,
  // param.cgi and the emulator-only /emulator/control.
  const scene = opts.scenario === null ? undefined : createScene(opts.scenario ? { scenario: opts.scenario } : {});
  try {
    const tls = opts.tlsKey && opts.tlsCert ? { key: fs.readFileSync(opts.tlsKey), cert: fs.readFileSync(opts.tlsCert) } : undefined;
    emulator = await start({
      port: opts.port,
      host: opts.host,
      profile: opts.profile,
      statePath: opts.statePath,
      users: opts.users,
      apiVersions: opts.apiVersions,
      tls,
      basicOnly: opts.basicOnly,
      digestAlgorithms: opts.digestAlgorithms,
      sensor: scene,
      events: opts.events,
    });
    if (scene) addSceneRoutes(emulator, scene);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new Error(`port ${opts.port} on ${opts.host} is in use; choose another with --port (0 picks a free one)`);
    if (code === 'EADDRNOTAVAIL') throw new Error(`${opts.host} is not an address of this machine (--host)`);
    throw err;
  }
  // Handlers first: whoever reads the URL may signal us at once.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: stopping\n`);
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const announced = await announce(opts, [emulator]);
  const lines = [
    `Axis thermal camera emulator (${emulator.camera.profile.model}, profile ${opts.profile}) listening on ${emulator.url}`,
    `  thermometry: POST ${emulator.url}${THERMOMETRY_PATH} (API ${(opts.apiVersions ?? API_VERSIONS).join(', ')}, ${opts.basicOnly ? 'Basic' : `Digest ${(opts.digestAlgorithms ?? DEFAULT_DIGEST_ALGORITHMS).join(', ')}`} realm ${emulator.realm})`,
    // The default users' passwords are the well-known ones to log in with; a
    // password given with --user is the user's own and is never echoed.
    `  users: ${emulator.users.map((u) => (opts.users ? `${u.username} (${u.role})` : `${u.username}/${u.password} (${u.role})`)).join(', ')}`,
  ];
  if (scene)
    lines.push(
      `  scene: ${scene.scenario} (snapshot: GET ${emulator.url}/axis-cgi/jpg/image.cgi; emulator-only control: POST ${emulator.url}/emulator/control)`,
    );
  if (opts.events)
    lines.push(
      `  events: GET ${emulator.url}${WSSESSION_PATH}, then ${emulator.url.replace(/^http/, 'ws')}${WS_DATA_STREAM_PATH}?wssession=TOKEN&sources=events`,
    );
  if (opts.statePath) lines.push(`  state file: ${opts.statePath}`);
  if (announced) lines.push(announced);
  process.stdout.write(lines.join('\n') + '\n');
}

/** --announce: the cameras answer discovery; the line saying how, or why not (the cameras run on either way). */
async function announce(opts: CliOptions, emulators: Emulator[]): Promise<string | undefined> {
  if (!opts.announce) return undefined;
  try {
    const unicast = opts.announce === 'multicast' ? undefined : opts.announce;
    const a = await startAnnouncer(emulators, unicast ? { ports: unicast, bindAddress: opts.host } : {});
    return unicast
      ? `  discovery: answered by unicast on ${opts.host} (mDNS port ${a.mdnsPort}, SSDP port ${a.ssdpPort})`
      : '  discovery: answered over multicast DNS (_axis-video._tcp) and SSDP';
  } catch (err) {
    return `  discovery: not announced (${(err as Error).message})`;
  }
}

/** --cameras n: n emulators on consecutive ports, one line each (url, serial, scene). */
async function runFleet(opts: CliOptions): Promise<void> {
  const tls = opts.tlsKey && opts.tlsCert ? { key: fs.readFileSync(opts.tlsKey), cert: fs.readFileSync(opts.tlsCert) } : undefined;
  if (opts.statePath) fs.mkdirSync(opts.statePath, { recursive: true });
  let fleet;
  try {
    fleet = await startFleet({
      cameras: opts.cameras,
      port: opts.port,
      host: opts.host,
      profile: opts.profile,
      stateDir: opts.statePath,
      users: opts.users,
      apiVersions: opts.apiVersions,
      tls,
      basicOnly: opts.basicOnly,
      scenario: opts.scenario,
      events: opts.events,
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL') throw new Error(`${opts.host} is not an address of this machine (--host)`);
    throw err;
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: stopping\n`);
    fleet.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const first = fleet.emulators[0];
  const lines = [
    `Axis thermal camera emulator: ${opts.cameras} cameras (${first.camera.profile.model}, profile ${opts.profile}) listening on ${first.url} to ${fleet.emulators[opts.cameras - 1].url}`,
    `  users: ${first.users.map((u) => (opts.users ? `${u.username} (${u.role})` : `${u.username}/${u.password} (${u.role})`)).join(', ')} on every camera`,
  ];
  for (const [i, e] of fleet.emulators.entries()) {
    lines.push(
      `  camera ${i + 1}: ${e.url} serial ${e.camera.profile.serial} scene ${e.camera.sensor instanceof ThermalScene ? e.camera.sensor.scenario : 'none (flat 22 °C)'}`,
    );
  }
  if (opts.statePath) lines.push(`  state folder: ${opts.statePath}`);
  const announced = await announce(opts, fleet.emulators);
  if (announced) lines.push(announced);
  process.stdout.write(lines.join('\n') + '\n');
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`axis-thermal-emulator: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
