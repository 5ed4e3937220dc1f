/**
 * The JPEG snapshot CGI of VAPIX (Video streaming API, "JPEG image snapshot"):
 *
 *   GET /axis-cgi/jpg/image.cgi[?resolution=WxH][&compression=0..100][&camera=N]
 *
 * Access level viewer. `resolution` must be one the camera lists in
 * Properties.Image.Resolution; `compression` is 0 (best) to 100 (smallest);
 * `camera` selects the video source, 1-based. Unless given, the camera's own
 * defaults apply. The client checks the form of each option before sending;
 * whether a resolution or a channel exists only the camera knows.
 *
 * What a camera answers to an option it cannot honour the reference leaves
 * open ("returns the specified JPEG image or an error"); the emulator answers
 * HTTP 400 with a text/plain "Error: ..." line, and the client treats any
 * reply that is not a JPEG as an error and quotes the camera's words.
 */

export const IMAGE_CGI_PATH = '/axis-cgi/jpg/image.cgi';
export const IMAGE_CONTENT_TYPE = 'image/jpeg';

export interface ImageOptions {
  /** "WxH" in pixels, e.g. "640x480"; one the camera supports. */
  resolution?: string;
  /** 0 (least compression, best quality) to 100. */
  compression?: number;
  /** Video source, 1-based (1 on a single-sensor camera). */
  camera?: number;
}

const IMAGE_OPTION_NAMES = ['resolution', 'compression', 'camera'] as const;

/** Width and height of a "WxH" resolution, or undefined when it is not of that form. */
export function parseResolution(text: string): { width: number; height: number } | undefined {
  const m = /^(\d{1,4})x(\d{1,4})$/.exec(text);
  if (!m) return undefined;
  const width = Number(m[1]);
  const height = Number(m[2]);
  if (width < 1 || height < 1) return undefined;
  return { width, height };
}

/**
 * The reason an option breaks its rule, or undefined when it is well formed.
 * Used by the client before sending (and by nodes through it).
 */
export function imageOptionProblem(name: string, value: unknown): string | undefined {
  if (!(IMAGE_OPTION_NAMES as readonly string[]).includes(name)) {
    return `"${name}" is not an image option (known: ${IMAGE_OPTION_NAMES.join(', ')})`;
  }
  const shown = JSON.stringify(value)?.slice(0, 40) ?? String(value);
  if (name === 'resolution') {
    if (typeof value !== 'string' || !parseResolution(value.trim())) {
      return `"resolution" must be width x height in pixels, e.g. "640x480" (got ${shown})`;
    }
    return undefined;
  }
  if (name === 'compression') {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100) {
      return `"compression" must be a whole number from 0 (best quality) to 100 (got ${shown})`;
    }
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 99) {
    return `"camera" must be the video source number, a whole number from 1 to 99 (got ${shown})`;
  }
  return undefined;
}

/** The query string for the options (without "?"), in the reference's order; empty for none. */
export function imageQuery(options: ImageOptions): string {
  const q = new URLSearchParams();
  if (options.resolution !== undefined) q.set('resolution', options.resolution.trim());
  if (options.compression !== undefined) q.set('compression', String(options.compression));
  if (options.camera !== undefined) q.set('camera', String(options.camera));
  return q.toString();
}
