/**
 * The scene as the camera's Motion JPEG stream (src/api/video.ts):
 *
 *   GET /axis-cgi/mjpg/video.cgi[?resolution=WxH&compression=0..100&camera=1&fps=N]   viewer
 *        multipart/x-mixed-replace; boundary=myboundary: one JPEG part per frame,
 *        at the scene's frame rate (or fps, when lower), until the client closes.
 *        Options refused as image.cgi refuses them: HTTP 400, text/plain "Error: ...".
 *   GET /emulator/video                                                             viewer
 *        NOT PART OF VAPIX: {"open": streams open now, "opened": streams opened so far},
 *        for tests that check a viewer closes its stream.
 *
 * A frame the client is not ready for (its socket buffer full) is skipped, not
 * queued: a slow viewer sees fewer frames and the emulator's memory stays flat.
 * Making a frame (render and JPEG encode) is synchronous and not cheap, so the
 * next frame waits at least as long again as the last one took: a stream never
 * holds the emulator's event loop more than half the time, and its thermometry
 * answers keep coming. Streams of the same options at the same scene time share
 * one encoded frame.
 */
import { MJPEG_BOUNDARY, MJPEG_CGI_PATH, MAX_MJPEG_FPS } from '../../api/video';
import type { Emulator } from '../server';
import type { ThermalScene } from './thermal-scene';

export const VIDEO_STATS_PATH = '/emulator/video';

export interface VideoStreamCount {
  /** Streams being sent now. */
  open: number;
  /** Streams opened since the emulator started. */
  opened: number;
}

type VideoHost = Pick<Emulator, 'addRoute'>;

const counts = new WeakMap<object, VideoStreamCount>();

/** The last frame made per scene and options, with the scene time it shows. */
const lastFrames = new WeakMap<ThermalScene, Map<string, { time: number; palette: string; jpeg: Buffer }>>();

function frameOf(scene: ThermalScene, key: string, make: () => Buffer): Buffer {
  let frames = lastFrames.get(scene);
  if (!frames) lastFrames.set(scene, (frames = new Map()));
  const time = scene.clock.now();
  const last = frames.get(key);
  if (last && last.time === time && last.palette === scene.palette) return last.jpeg;
  const jpeg = make();
  frames.set(key, { time, palette: scene.palette, jpeg });
  return jpeg;
}

/** The stream count of an emulator that has the video route (zeros before). */
export function videoStreams(host: object): VideoStreamCount {
  return { ...(counts.get(host) ?? { open: 0, opened: 0 }) };
}

/** The options of image.cgi the stream shares, read by `imageOptions`; `fps` is the stream's own. */
export type ImageOptionsReader = (q: URLSearchParams) => { width?: number; height?: number; quality: number } | { error: string };

export function addVideoRoutes(host: VideoHost, scene: ThermalScene, imageOptions: ImageOptionsReader): void {
  const count: VideoStreamCount = { open: 0, opened: 0 };
  counts.set(host, count);

  host.addRoute('GET', MJPEG_CGI_PATH, 'viewer', (req, res, ctx) => {
    const q = ctx.url.searchParams;
    const options = imageOptions(q);
    const fpsText = q.get('fps');
    const fps = fpsText === null ? 0 : /^\d{1,3}$/.test(fpsText) ? Number(fpsText) : NaN;
    const error =
      'error' in options
        ? options.error
        : !(fps >= 0 && fps <= MAX_MJPEG_FPS)
          ? `fps "${String(fpsText).slice(0, 20)}" not supported; use 0 to ${MAX_MJPEG_FPS}`
          : undefined;
    if (error !== undefined || 'error' in options) {
      res.writeHead(400, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache' });
      res.end(`Error: ${error}\n`);
      return;
    }
    const rate = fps > 0 ? Math.min(fps, scene.frameRate) : scene.frameRate;
    res.writeHead(200, {
      'Content-Type': `multipart/x-mixed-replace; boundary=${MJPEG_BOUNDARY}`,
      'Cache-Control': 'no-cache',
      Pragma: 'no-cache',
      Connection: 'close',
    });
    count.open++;
    count.opened++;
    let closed = false;
    let timer: NodeJS.Timeout | undefined;
    const key = `${options.width ?? ''}x${options.height ?? ''}q${options.quality}`;
    const sendFrame = () => {
      if (closed) return;
      const began = process.hrtime.bigint();
      if (!res.writableNeedDrain) {
        const jpeg = frameOf(scene, key, () => scene.snapshotJpeg(options.width, options.height, options.quality));
        res.write(`--${MJPEG_BOUNDARY}\r\nContent-Type: image/jpeg\r\nContent-Length: ${jpeg.length}\r\n\r\n`);
        res.write(jpeg);
        res.write('\r\n');
      }
      const tookMs = Number(process.hrtime.bigint() - began) / 1e6;
      timer = setTimeout(sendFrame, Math.max(1000 / rate - tookMs, tookMs));
    };
    const finish = () => {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      count.open--;
    };
    req.on('close', finish);
    res.on('close', finish);
    res.on('error', finish);
    sendFrame();
  });

  host.addRoute('GET', VIDEO_STATS_PATH, 'viewer', (_req, res) => {
    const body = JSON.stringify(count);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-cache' });
    res.end(body);
  });
}
