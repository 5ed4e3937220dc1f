/**
 * The Motion JPEG stream of VAPIX (Video streaming API, "Motion JPEG video"):
 *
 *   GET /axis-cgi/mjpg/video.cgi[?resolution=WxH][&compression=0..100][&camera=N][&fps=N]
 *
 * Access level viewer. The reply is `multipart/x-mixed-replace;boundary=<b>`:
 * each part a JPEG with its own headers (Content-Type: image/jpeg,
 * Content-Length), sent as the camera makes frames, until the client closes
 * the connection. `fps` caps the frame rate (the camera's own rate without
 * it); resolution, compression and camera are those of image.cgi.
 */

export const MJPEG_CGI_PATH = '/axis-cgi/mjpg/video.cgi';
export const MJPEG_LEVEL = 'viewer';
/** The boundary Axis cameras use. */
export const MJPEG_BOUNDARY = 'myboundary';
/** Frames per second a stream may ask for: at most the camera's rate; 0 or none means the camera's. */
export const MAX_MJPEG_FPS = 30;

/** The boundary of a multipart/x-mixed-replace Content-Type, or undefined when it is no such type. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/x-mixed-replace\b/i.test(contentType)) return undefined;
  const m = /boundary="?([^";,\s]{1,70})"?/i.exec(contentType);
  return m ? m[1].replace(/^--/, '') : undefined;
}

/** A frame larger than this ends a stream as malformed (a 1920x1080 JPEG is a few hundred kB). */
export const MAX_MJPEG_FRAME_BYTES = 2 * 1024 * 1024;
/** The headers of one part are at most this long (a camera's are about 80 bytes). */
const MAX_PART_HEADER_BYTES = 1024;

const CRLF_CRLF = [13, 10, 13, 10];

function indexOf(buf: Uint8Array, pattern: ArrayLike<number>, from: number, to = buf.length): number {
  outer: for (let i = from; i + pattern.length <= to; i++) {
    for (let j = 0; j < pattern.length; j++) if (buf[i + j] !== pattern[j]) continue outer;
    return i;
  }
  return -1;
}

function ascii(buf: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(buf[i]);
  return s;
}

/**
 * Reads a multipart/x-mixed-replace stream of JPEG parts as chunks arrive
 * (plain Uint8Array: the runtime reads the camera's stream with it, the
 * editor ours). Each part needs a Content-Length, as Axis cameras send it;
 * a part without one, or larger than `maxFrameBytes`, is an error (the stream
 * should end): nothing is buffered beyond one frame.
 */
export class MultipartJpegReader {
  private buf: Uint8Array = new Uint8Array(0);
  private readonly dashes: number[];

  constructor(
    boundary: string,
    private readonly onFrame: (jpeg: Uint8Array) => void,
    private readonly maxFrameBytes = MAX_MJPEG_FRAME_BYTES,
  ) {
    this.dashes = Array.from(`--${boundary.replace(/^--/, '')}`, (c) => c.charCodeAt(0));
  }

  /** Takes the next chunk; returns an error text when the stream is malformed (then stop reading). */
  push(chunk: Uint8Array): string | undefined {
    const joined = new Uint8Array(this.buf.length + chunk.length);
    joined.set(this.buf, 0);
    joined.set(chunk, this.buf.length);
    this.buf = joined;
    let at = 0;
    for (;;) {
      const start = indexOf(this.buf, this.dashes, at, Math.min(this.buf.length, at + MAX_PART_HEADER_BYTES + this.dashes.length));
      if (start < 0) {
        if (this.buf.length - at > MAX_PART_HEADER_BYTES + this.dashes.length) return 'no part boundary where one was due';
        break;
      }
      const headEnd = indexOf(this.buf, CRLF_CRLF, start, Math.min(this.buf.length, start + MAX_PART_HEADER_BYTES));
      if (headEnd < 0) {
        if (this.buf.length - start > MAX_PART_HEADER_BYTES) return 'part headers too long';
        at = start;
        break;
      }
      const headers = ascii(this.buf, start, headEnd);
      const m = /content-length:\s*(\d{1,9})/i.exec(headers);
      if (!m) return 'a part without Content-Length';
      const length = Number(m[1]);
      if (length > this.maxFrameBytes) return `a frame of ${length} bytes (at most ${this.maxFrameBytes})`;
      const bodyStart = headEnd + 4;
      if (this.buf.length < bodyStart + length) {
        at = start;
        break;
      }
      const jpeg = this.buf.slice(bodyStart, bodyStart + length);
      at = bodyStart + length;
      if (jpeg.length > 1 && jpeg[0] === 0xff && jpeg[1] === 0xd8) this.onFrame(jpeg);
      else return 'a part that is not a JPEG';
    }
    this.buf = at > 0 ? this.buf.slice(at) : this.buf;
    return undefined;
  }
}
