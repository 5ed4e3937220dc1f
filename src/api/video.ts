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
