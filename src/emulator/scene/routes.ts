/**
 * The scene's HTTP routes on a running emulator:
 *
 *   GET  /axis-cgi/jpg/image.cgi[?resolution=WxH&compression=0..100&camera=1&palette=Name]   viewer
 *        The current frame as image/jpeg, coloured with the palette, with overlays.
 *        camera=N is channel N-1 (a bispectral profile has three; channel-view.ts).
 *        A resolution not in Properties.Image.Resolution, a compression outside
 *        0..100 or a camera the profile lacks: HTTP 400, text/plain "Error: ...".
 *        (VAPIX leaves the form of that error to the product; see src/api/image.ts.)
 *        rotation=0|180 (Properties.Image.Rotation) turns the picture; a value the camera
 *        does not list is refused the same way.
 *   param.cgi (../param-cgi.ts) gets the scene's parameters:
 *        Image.I0.Appearance.Palette=Iron (updatable; listdefinitions gives the palettes),
 *        Properties.Image.Resolution, .Rotation, .Format, .NbrOfViews, .Palette.Palette, .Palette.StreamPalette
 *
 *   GET|POST /emulator/control                                                      administrator
 *        NOT PART OF VAPIX: an emulator-only endpoint to drive the scene. POST a JSON
 *        command, get the scene state back as JSON (GET gives the state only):
 *          {"action":"scenario","name":"furnace-door"|"conveyor"|"electrical-cabinet"|"idle"|"plant"}
 *          {"action":"addSource","id":"hot","shape":"disc","x":0,"y":0,"radius":0.1,"temperature":90,
 *             "vx":0,"vy":0,"ramp":0,"rampLimit":120,"softness":0.3}
 *          {"action":"moveSource","id":"hot","x":0.5,"y":-0.2}
 *          {"action":"removeSource","id":"hot"}
 *          {"action":"setRegion","vertices":[[x,y],...],"temperature":120}   (celsius, view coordinates)
 *          {"action":"step","seconds":5}          (run the scene 5 s forward, frame by frame; at most 3600)
 *          {"action":"preset","presetNbr":2}      (PTZ: move the head; null = between presets)
 *          {"action":"tour","run":true,"dwell":10} (PTZ: start/resume or stop the guard tour)
 *        Errors: 400 {"error":"..."}.
 */
import type * as http from 'http';
import type { Emulator } from '../server';
import { inGroup, ParamSource } from '../param-cgi';
import { ControlCommand, ControlError, ThermalScene } from './thermal-scene';
import { isIsothermal, PALETTE_NAMES } from './palette';
import { IMAGE_CGI_PATH, parseResolution } from '../../api/image';
import { addVideoRoutes } from './video';
import { channelOfCameraOption } from './channel-view';

/** The parts of the emulator this module uses (structural, so it builds on its own). */
/** What the scene's routes need of the emulator. */
export type RouteHost = Pick<Emulator, 'addRoute' | 'params'>;

export const CONTROL_PATH = '/emulator/control';
export const PALETTE_PARAM = 'Image.I0.Appearance.Palette';
export const RESOLUTION_PARAM = 'Properties.Image.Resolution';
export const ROTATION_PARAM = 'Properties.Image.Rotation';
/** The rotations image.cgi takes (Properties.Image.Rotation), as a thermal camera turned upside down on its mount. */
export const ROTATIONS = [0, 180] as const;

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-cache' });
  res.end(body);
}

function listdefinitions(scene: ThermalScene): string {
  const entries = PALETTE_NAMES.map((n) => `                <entry value="${n}"/>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<parameterDefinitions xmlns="http://www.axis.com/ParameterDefinitionsSchema" version="1.0">
  <model>AXIS thermal camera emulator</model>
  <group name="root">
    <group name="Image">
      <group name="I0">
        <group name="Appearance">
          <parameter name="Palette" value="${scene.palette}" securityLevel="7714" niceName="Palette">
            <type>
              <enum>
${entries}
              </enum>
            </type>
          </parameter>
        </group>
      </group>
    </group>
  </group>
</parameterDefinitions>
`;
}

/**
 * The JPEG resolutions the emulated camera lists (Properties.Image.Resolution):
 * the 4:3 sizes of a 384x288 thermal camera, and the sensor's own size.
 */
const STANDARD_RESOLUTIONS = ['1024x768', '800x600', '768x576', '640x480', '480x360', '384x288', '320x240', '240x180', '160x120'];

export function supportedResolutions(scene: ThermalScene): string[] {
  const native = `${scene.field.width}x${scene.field.height}`;
  return STANDARD_RESOLUTIONS.includes(native) ? STANDARD_RESOLUTIONS : [...STANDARD_RESOLUTIONS, native];
}

/**
 * image.cgi's options as the emulated camera reads them: a resolution it
 * lists, compression 0..100 (mapped to JPEG quality 100..1), camera 1 (one
 * video source). Anything else is the error text its 400 carries.
 */
function imageOptions(
  q: URLSearchParams,
  resolutions: string[],
  scene: ThermalScene,
): { width?: number; height?: number; quality: number; rotation: 0 | 180; channel: number } | { error: string } {
  const out: { width?: number; height?: number; quality: number; rotation: 0 | 180; channel: number } = { quality: 85, rotation: 0, channel: 0 };
  const resolution = q.get('resolution');
  if (resolution !== null) {
    const size = parseResolution(resolution);
    if (!size || !resolutions.includes(`${size.width}x${size.height}`)) {
      return { error: `resolution "${resolution.slice(0, 20)}" not supported; supported: ${resolutions.join(',')}` };
    }
    out.width = size.width;
    out.height = size.height;
  }
  const compression = q.get('compression');
  if (compression !== null) {
    const c = /^\d{1,3}$/.test(compression) ? Number(compression) : NaN;
    if (!(c >= 0 && c <= 100)) return { error: `compression "${compression.slice(0, 20)}" not supported; use 0 to 100` };
    out.quality = Math.max(1, 100 - c);
  }
  const channel = channelOfCameraOption(scene.cameraModel, q.get('camera'));
  if ('error' in channel) return channel;
  out.channel = channel.channel;
  const rotation = q.get('rotation');
  if (rotation !== null) {
    const r = ROTATIONS.find((v) => String(v) === rotation);
    if (r === undefined) return { error: `rotation "${rotation.slice(0, 20)}" not supported; supported: ${ROTATIONS.join(',')}` };
    out.rotation = r;
  }
  return out;
}

/** The scene's parameters for param.cgi: the palette (updatable) and the picture's properties. */
function sceneParams(scene: ThermalScene): ParamSource {
  return {
    list: () => [
      [PALETTE_PARAM, scene.palette],
      [RESOLUTION_PARAM, supportedResolutions(scene).join(',')],
      [ROTATION_PARAM, ROTATIONS.join(',')],
      ['Properties.Image.Format', 'jpeg'],
      ['Properties.Image.NbrOfViews', '1'],
      ['Properties.Image.Palette.Palette', 'yes'],
      ['Properties.Image.Palette.StreamPalette', 'yes'],
    ],
    set: (name, value, apply) => {
      if (name !== PALETTE_PARAM) return undefined;
      if (!PALETTE_NAMES.includes(value)) return false;
      if (apply) scene.palette = value;
      return true;
    },
    definitions: (group) => (inGroup(group, PALETTE_PARAM) ? listdefinitions(scene) : undefined),
  };
}

export function addSceneRoutes(host: RouteHost, scene: ThermalScene): void {
  // The Motion JPEG stream (video.ts), with image.cgi's options.
  addVideoRoutes(host, scene, (q) => imageOptions(q, supportedResolutions(scene), scene));
  host.addRoute('GET', IMAGE_CGI_PATH, 'viewer', (_req, res, ctx) => {
    const q = ctx.url.searchParams;
    const options = imageOptions(q, supportedResolutions(scene), scene);
    if ('error' in options) return send(res, 400, 'text/plain', `Error: ${options.error}\n`);
    // A stream palette for this request only, as cameras with stream palettes allow.
    const palette = q.get('palette');
    if (palette !== null && !PALETTE_NAMES.includes(palette)) return send(res, 400, 'text/plain', 'Error: unknown palette\n');
    const saved = scene.palette;
    if (palette !== null) scene.palette = palette;
    try {
      send(res, 200, 'image/jpeg', scene.snapshotJpeg(options.width, options.height, options.quality, options.rotation, options.channel));
    } finally {
      scene.palette = saved;
    }
  });

  host.params.push(sceneParams(scene));

  host.addRoute('GET', CONTROL_PATH, 'administrator', (_req, res) => {
    send(res, 200, 'application/json', JSON.stringify(scene.summary()));
  });
  host.addRoute('POST', CONTROL_PATH, 'administrator', (_req, res, ctx) => {
    let command: ControlCommand;
    try {
      command = JSON.parse(ctx.body.toString('utf8'));
    } catch {
      return send(res, 400, 'application/json', JSON.stringify({ error: 'body must be JSON' }));
    }
    try {
      send(res, 200, 'application/json', JSON.stringify(scene.control(command)));
    } catch (e) {
      if (e instanceof ControlError || e instanceof RangeError) {
        return send(res, 400, 'application/json', JSON.stringify({ error: e.message }));
      }
      throw e;
    }
  });
}

export { isIsothermal };
