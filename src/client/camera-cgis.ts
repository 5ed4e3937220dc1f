/**
 * The camera's other CGIs the client reads besides thermometry.cgi: the JPEG
 * snapshot (image.cgi) and the PTZ preset list (ptz.cgi), with the same
 * transport, authentication and TLS as the thermometry calls.
 */
import { IMAGE_CGI_PATH, IMAGE_CONTENT_TYPE, ImageOptions, imageOptionProblem, imageQuery } from '../api/image';
import { PRESET_LIST_QUERY, PTZ_PATH, parsePresetList, type PtzPreset } from '../api/ptz';
import { Asker, authenticationError, withMethod } from './answers';
import { ThermometryError } from './errors';
import type { CameraTransport, HttpReply } from './transport';

/** A JPEG from image.cgi. */
export interface Snapshot {
  /** The JPEG bytes as the camera sent them. */
  image: Buffer;
  /** As the camera labelled it (image/jpeg). */
  contentType: string;
}

/**
 * The camera's JPEG snapshot (axis-cgi/jpg/image.cgi), with the same
 * transport, authentication and TLS as the thermometry calls. Options are
 * checked for form before anything is sent; a resolution or channel the
 * camera lacks comes back as a 'protocol' error quoting the camera.
 */
export async function fetchSnapshot(transport: CameraTransport, asker: Asker, options: ImageOptions = {}): Promise<Snapshot> {
  const what = 'snapshot';
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ThermometryError('validation', `${what}: options must be an object with resolution, compression or camera`, { method: what });
  }
  const given: ImageOptions = {};
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const problem = imageOptionProblem(name, value);
    if (problem) throw new ThermometryError('validation', `${what}: ${problem}`, { method: what, field: name });
    (given as Record<string, unknown>)[name] = value;
  }
  const query = imageQuery(given);
  let reply: HttpReply;
  try {
    reply = await transport.exchange({ method: 'GET', path: query ? `${IMAGE_CGI_PATH}?${query}` : IMAGE_CGI_PATH, responseType: 'arraybuffer' });
  } catch (err) {
    throw withMethod(err, what);
  }
  const body = Buffer.from(reply.data as ArrayBuffer);
  const details = { method: what, status: reply.status, camera: asker.camera };
  if (reply.status === 401) throw authenticationError(reply, what, undefined, asker);
  if (reply.status === 403) {
    throw new ThermometryError(
      'authorization',
      `${what}: user "${asker.username ?? '(none)'}" may not fetch images from camera ${asker.camera} (HTTP 403); image.cgi needs the viewer level: check the user on the camera`,
      { ...details, reason: 'userLevel' },
    );
  }
  const contentType = (reply.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  // A JPEG starts with the SOI marker FF D8, whatever the header says.
  const isJpeg = body.length > 3 && body[0] === 0xff && body[1] === 0xd8;
  if (reply.status === 200 && isJpeg) return { image: body, contentType: contentType || IMAGE_CONTENT_TYPE };
  const said = isJpeg
    ? ''
    : body
        .toString('utf8', 0, 200)
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
  const quoted = said ? ` ("${said}")` : '';
  const asked = query ? ` for ${query.replace(/&/g, ', ')}` : '';
  if (reply.status === 200) {
    throw new ThermometryError(
      'protocol',
      `${what}: camera ${asker.camera} answered${asked} with ${contentType || 'no content type'}, not a JPEG${quoted}; check the options (a resolution the camera lists, an existing camera channel)`,
      { ...details, reason: 'unexpectedAnswer' },
    );
  }
  const hint =
    reply.status === 404
      ? 'check that the camera serves JPEG snapshots (axis-cgi/jpg/image.cgi) and the port'
      : reply.status >= 500
        ? 'the camera failed; check its log'
        : 'check the options: a resolution the camera lists (Properties.Image.Resolution), compression 0 to 100, an existing camera channel';
  throw new ThermometryError('protocol', `${what}: camera ${asker.camera} refused the image${asked} with HTTP ${reply.status}${quoted}; ${hint}`, {
    ...details,
    reason: 'unexpectedAnswer',
  });
}

/** The camera's PTZ presets (ptz.cgi?query=presetposall, viewer); [] for a camera without PTZ (it has no ptz.cgi). */
export async function fetchPresets(transport: CameraTransport, asker: Asker): Promise<PtzPreset[]> {
  const what = 'ptzPresets';
  let reply: HttpReply;
  try {
    reply = await transport.exchange({ method: 'GET', path: `${PTZ_PATH}?${PRESET_LIST_QUERY}`, responseType: 'text' });
  } catch (err) {
    throw withMethod(err, what);
  }
  if (reply.status === 401) throw authenticationError(reply, what, undefined, asker);
  if (reply.status === 404) return [];
  if (reply.status !== 200) {
    const kind = reply.status === 403 ? 'authorization' : 'protocol';
    throw new ThermometryError(kind, `${what}: camera ${asker.camera} refused the preset list with HTTP ${reply.status}`, {
      method: what,
      status: reply.status,
      camera: asker.camera,
      reason: kind === 'authorization' ? 'userLevel' : 'unexpectedAnswer',
    });
  }
  return parsePresetList(String(reply.data));
}
