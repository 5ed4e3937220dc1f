/**
 * The live picture in the editor and on the dashboard (an admin route of the
 * camera node): the camera's Motion JPEG stream (axis-cgi/mjpg/video.cgi)
 * passed on frame by frame, under the same permission and credential rules as
 * the snapshot (admin-routes.ts: guardRead, resolveClient through cameraRoute).
 *
 *   POST /axis-thermometry/camera/:id/live   body { camera?, fps? }
 *        -> multipart/x-mixed-replace; boundary=thermometrylive: one JPEG part
 *           per frame (Content-Type, Content-Length), until the browser goes
 *           (it closes the request when the form closes), the camera stops,
 *           the camera node is redeployed, or LIVE_MAX_SECONDS have passed
 *           (the form then opens a new one). A failure before the first frame
 *           answers as every route does: { error, kind, ... } with its status.
 *
 * Bounds: at most LIVE_STREAMS_PER_USER streams per Node-RED user and
 * LIVE_STREAMS_OVERALL in all (429 beyond), LIVE_MAX_FPS frames a second, a
 * frame of at most LIVE_MAX_FRAME_BYTES (a larger one ends the stream), a
 * frame the browser is not ready for is dropped, not queued.
 */
import type * as http from 'node:http';
import type { VideoStream } from '../../client/video';
import type { CameraConfigNode } from '../shared/camera-api';
import type { NodeAPI } from '../shared/red';
import { RouteError, cameraRoute, guardRead, userKey, type Req } from './admin-routes';

export const LIVE_PATH = '/axis-thermometry/camera/:id/live';
export const LIVE_BOUNDARY = 'thermometrylive';
export const LIVE_STREAMS_PER_USER = 3;
export const LIVE_STREAMS_OVERALL = 12;
export const LIVE_MAX_FPS = 10;
export const LIVE_DEFAULT_FPS = 8;
export const LIVE_MAX_FRAME_BYTES = 1024 * 1024;
export const LIVE_MAX_SECONDS = 600;

/** Streams open now, by Node-RED user, and in all. */
const open = new Map<string, number>();
let openTotal = 0;

/** Streams open now (for tests and the log). */
export function liveStreamsOpen(): number {
  return openTotal;
}

function fpsOf(body: unknown): number {
  const fps = body && typeof body === 'object' ? (body as { fps?: unknown }).fps : undefined;
  if (fps === undefined || fps === null || fps === '') return LIVE_DEFAULT_FPS;
  const n = Number(fps);
  if (!Number.isInteger(n) || n < 1 || n > LIVE_MAX_FPS) throw new RouteError(400, `fps must be a whole number from 1 to ${LIVE_MAX_FPS}`);
  return n;
}

/** A slot for one stream of `user`, or a 429 when the user or everyone has too many open. */
function takeSlot(user: string): () => void {
  const mine = open.get(user) ?? 0;
  if (mine >= LIVE_STREAMS_PER_USER || openTotal >= LIVE_STREAMS_OVERALL) {
    throw new RouteError(429, `too many live pictures open (at most ${LIVE_STREAMS_PER_USER} per user, ${LIVE_STREAMS_OVERALL} in all): close a form or a dashboard showing one`);
  }
  open.set(user, mine + 1);
  openTotal++;
  let freed = false;
  return () => {
    if (freed) return;
    freed = true;
    openTotal--;
    const left = (open.get(user) ?? 1) - 1;
    if (left > 0) open.set(user, left);
    else open.delete(user);
  };
}

export function registerLiveRoutes(RED: NodeAPI): void {
  const admin = RED.httpAdmin;
  if (!admin) return;
  admin.post(
    LIVE_PATH,
    guardRead,
    cameraRoute('live', async ({ client, typed }, req: Req, res) => {
      const fps = fpsOf(req.body);
      const free = takeSlot(userKey(req));
      const request = req as unknown as http.IncomingMessage;
      const response = res as unknown as http.ServerResponse;
      let stream: VideoStream | undefined;
      let gone = false;
      const stop = () => {
        gone = true;
        stream?.close();
      };
      // The browser went (form closed, page left): the camera's stream goes too.
      response.on('close', stop);
      request.on('close', () => {
        if (!response.writableFinished) stop();
      });
      // A redeployed or stopped camera node: its stream ends with it.
      const node = typed ? undefined : (RED.nodes.getNode(String(req.params.id)) as (CameraConfigNode & { on?(e: string, f: () => void): void; removeListener?(e: string, f: () => void): void }) | null);
      node?.on?.('close', stop);
      const limit = setTimeout(stop, LIVE_MAX_SECONDS * 1000);
      try {
        let started = false;
        stream = await client.video({ fps, maxFrameBytes: LIVE_MAX_FRAME_BYTES }, (jpeg) => {
          if (gone || response.destroyed) return;
          if (!started) {
            started = true;
            response.writeHead(200, {
              'Content-Type': `multipart/x-mixed-replace; boundary=${LIVE_BOUNDARY}`,
              'Cache-Control': 'no-store',
              'X-Content-Type-Options': 'nosniff',
            });
          }
          // A browser not ready for the last frame skips this one: nothing queues.
          if (response.writableNeedDrain) return;
          response.write(`--${LIVE_BOUNDARY}\r\nContent-Type: image/jpeg\r\nContent-Length: ${jpeg.length}\r\n\r\n`);
          response.write(jpeg);
          response.write('\r\n');
        });
        if (gone) stream.close();
        const why = await stream.ended;
        if (!started && why && !gone) throw new RouteError(502, why);
        if (!response.writableEnded) response.end();
      } finally {
        clearTimeout(limit);
        node?.removeListener?.('close', stop);
        free();
      }
    }),
  );
}
