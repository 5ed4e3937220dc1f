/**
 * The camera's Motion JPEG stream (axis-cgi/mjpg/video.cgi, src/api/video.ts)
 * as frames: the same address, credentials (Digest through the client's
 * challenge) and TLS trust as the thermometry calls. The stream is not a
 * reply that ends, so it does not go through the transport's exchange: it is
 * opened here, its frames read one by one under a bound, and closed by the
 * caller (or when the camera stops sending).
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { imageOptionProblem, imageQuery, type ImageOptions } from '../api/image';
import { MAX_MJPEG_FPS, MAX_MJPEG_FRAME_BYTES, MJPEG_CGI_PATH, MultipartJpegReader, multipartBoundary } from '../api/video';
import { ThermometryError } from './errors';
import { networkError } from './network-error';

export interface VideoOptions extends ImageOptions {
  /** Frames per second at most (1..30); the camera's own rate without it. */
  fps?: number;
  /** A frame larger than this ends the stream (default MAX_MJPEG_FRAME_BYTES). */
  maxFrameBytes?: number;
}

/** An open stream: close() ends it; `ended` resolves with why it ended (undefined when closed by us). */
export interface VideoStream {
  close(): void;
  readonly ended: Promise<string | undefined>;
  /** Frames received so far. */
  readonly frames: number;
}

/** What the stream needs of the client (ThermometryClient has it). */
export interface VideoSource {
  readonly baseUrl: string;
  readonly camera: string;
  readonly timeoutMs: number;
  readonly username: string | undefined;
  readonly tls: { ca?: string | Buffer; allowSelfSigned?: boolean } | undefined;
  authorization(method: string, path: string): Promise<string | undefined>;
  /** A small call that renews the Digest challenge when the camera replaced its nonce. */
  renewChallenge(): Promise<unknown>;
}

function videoPath(options: VideoOptions): string {
  const what = 'video';
  const { fps, maxFrameBytes, ...image } = options;
  void maxFrameBytes;
  for (const [name, value] of Object.entries(image)) {
    if (value === undefined) continue;
    const problem = imageOptionProblem(name, value);
    if (problem) throw new ThermometryError('validation', `${what}: ${problem}`, { method: what, field: name });
  }
  if (fps !== undefined && !(Number.isInteger(fps) && fps >= 1 && fps <= MAX_MJPEG_FPS)) {
    throw new ThermometryError('validation', `${what}: "fps" must be a whole number from 1 to ${MAX_MJPEG_FPS} (got ${JSON.stringify(fps)?.slice(0, 20)})`, {
      method: what,
      field: 'fps',
    });
  }
  const query = [imageQuery(image), fps ? `fps=${fps}` : ''].filter(Boolean).join('&');
  return query ? `${MJPEG_CGI_PATH}?${query}` : MJPEG_CGI_PATH;
}

/** One GET of the stream; resolves with the response once its headers are in (any status). */
function get(source: VideoSource, path: string, authorization: string | undefined, signal: AbortSignal): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, source.baseUrl);
    const secure = url.protocol === 'https:';
    const tls = secure ? source.tls : undefined;
    const options: https.RequestOptions = {
      method: 'GET',
      headers: { Accept: 'multipart/x-mixed-replace, image/jpeg', ...(authorization ? { Authorization: authorization } : {}) },
      // A socket of its own: a stream holds it for as long as it runs.
      agent: false,
      signal,
      ...(tls?.ca ? { ca: tls.ca } : {}),
      ...(tls?.allowSelfSigned ? { rejectUnauthorized: false } : {}),
    };
    const req = (secure ? https : http).request(url, options, resolve);
    req.on('error', reject);
    req.end();
  });
}

/**
 * Opens the stream. Resolves once the camera answered with a multipart stream
 * (then frames arrive through onFrame until close() or the camera stops), or
 * rejects with a ThermometryError saying why (wrong password, no such CGI, an
 * option the camera refuses, no answer within the client's timeout).
 */
export async function openVideo(source: VideoSource, options: VideoOptions, onFrame: (jpeg: Buffer) => void): Promise<VideoStream> {
  const what = 'video';
  const path = videoPath(options);
  const abort = new AbortController();
  const where = {
    camera: source.camera,
    host: new URL(source.baseUrl).hostname,
    protocol: source.baseUrl.startsWith('https') ? ('https' as const) : ('http' as const),
    timeout: source.timeoutMs,
  };
  // One deadline for the answer's headers (and a retry with a renewed challenge).
  let timedOut = false;
  const deadline = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, source.timeoutMs);
  let res: http.IncomingMessage;
  try {
    res = await get(source, path, await source.authorization('GET', path), abort.signal);
    if (res.statusCode === 401 && source.username) {
      // A nonce the camera has since replaced: renew it with a small call, then once more.
      res.resume();
      await source.renewChallenge().catch(() => undefined);
      res = await get(source, path, await source.authorization('GET', path), abort.signal);
    }
  } catch (err) {
    clearTimeout(deadline);
    if (err instanceof ThermometryError) throw err;
    throw networkError(timedOut ? Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }) : err, where);
  }
  clearTimeout(deadline);
  const status = res.statusCode ?? 0;
  const boundary = multipartBoundary(res.headers['content-type']);
  if (status !== 200 || !boundary) {
    const said = await new Promise<string>((resolve) => {
      let text = '';
      res.setEncoding('latin1');
      res.on('data', (d: string) => {
        if (text.length < 400) text += d;
        else res.destroy();
      });
      res.on('end', () => resolve(text));
      res.on('close', () => resolve(text));
      res.on('error', () => resolve(text));
    });
    const words = said
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 160);
    const details = { method: what, status, camera: source.camera };
    if (status === 401) {
      throw new ThermometryError(
        'authentication',
        source.username
          ? `${what}: camera ${source.camera} refused the credentials of user "${source.username}" (HTTP 401); check the username and password`
          : `${what}: camera ${source.camera} asks for a username and password (HTTP 401); set them in the camera settings`,
        { ...details, reason: source.username ? 'wrongPassword' : 'noCredentials' },
      );
    }
    if (status === 403) {
      throw new ThermometryError(
        'authorization',
        `${what}: the camera's user may not watch video on camera ${source.camera} (HTTP 403); video needs the viewer level`,
        {
          ...details,
          reason: 'userLevel',
        },
      );
    }
    const hint =
      status === 404
        ? 'the camera serves no Motion JPEG stream (axis-cgi/mjpg/video.cgi)'
        : status === 200
          ? 'it is not a Motion JPEG stream'
          : `HTTP ${status}`;
    throw new ThermometryError('protocol', `${what}: camera ${source.camera} refused the stream: ${hint}${words ? ` ("${words}")` : ''}`, {
      ...details,
      reason: 'unexpectedAnswer',
    });
  }

  let frames = 0;
  let closedByUs = false;
  let finish!: (why: string | undefined) => void;
  const ended = new Promise<string | undefined>((resolve) => (finish = resolve));
  // No frame for this long: the camera stopped sending (a stream that stalls holds a socket for nothing).
  const stallMs = Math.max(source.timeoutMs, 5000);
  let stall: NodeJS.Timeout | undefined;
  const end = (why: string | undefined) => {
    clearTimeout(stall);
    if (!res.destroyed) res.destroy();
    abort.abort();
    finish(closedByUs ? undefined : why);
  };
  const watch = () => {
    clearTimeout(stall);
    stall = setTimeout(() => end(`camera ${source.camera} sent no frame for ${stallMs / 1000} s`), stallMs);
  };
  const reader = new MultipartJpegReader(
    boundary,
    (jpeg) => {
      frames++;
      watch();
      onFrame(Buffer.from(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength));
    },
    options.maxFrameBytes ?? MAX_MJPEG_FRAME_BYTES,
  );
  watch();
  res.on('data', (chunk: Buffer) => {
    const problem = reader.push(chunk);
    if (problem) end(`camera ${source.camera} sent ${problem}`);
  });
  res.on('end', () => end(`camera ${source.camera} ended the stream`));
  res.on('close', () => end(`camera ${source.camera} closed the stream`));
  res.on('error', () => end(`camera ${source.camera}: the stream's connection failed`));
  return {
    close() {
      closedByUs = true;
      end(undefined);
    },
    ended,
    get frames() {
      return frames;
    },
  };
}
