/*
 * The live picture in a form (runs in the browser): the camera's Motion JPEG
 * stream through the camera node's admin route (POST .../camera/:id/live,
 * live-routes.ts), read with fetch so that it carries the editor's token and
 * the form's settings in the body (never in a URL), each frame shown in the
 * view's <img>. close() aborts the request, and the route closes the camera's
 * stream with it. The size the user picks, and whether the picture is live,
 * are kept in the browser for every form.
 */
import { MAX_MJPEG_FRAME_BYTES, MultipartJpegReader, multipartBoundary } from "../../../api/video";

/** The widths a user picks from (0: the form's whole width). */
export const VIEW_SIZES: Record<string, number> = { small: 320, medium: 480, large: 640, full: 0 };
export interface ViewPrefs { live: boolean; size: string }
const PREFS_KEY = "axis-thermometry.view";
const DEFAULT_PREFS: ViewPrefs = { live: true, size: "large" };

/** The user's choice of picture, as last set in any form. */
export function viewPrefs(): ViewPrefs {
    try {
        const saved = JSON.parse(window.localStorage.getItem(PREFS_KEY) || "{}") as Partial<ViewPrefs>;
        return {
            live: typeof saved.live === "boolean" ? saved.live : DEFAULT_PREFS.live,
            size: saved.size && VIEW_SIZES[saved.size] !== undefined ? saved.size : DEFAULT_PREFS.size
        };
    } catch {
        return { ...DEFAULT_PREFS };
    }
}

export function saveViewPrefs(prefs: ViewPrefs): void {
    try { window.localStorage.setItem(PREFS_KEY, JSON.stringify(prefs)); } catch { /* private mode: the choice lasts this form */ }
}

/* An admin route's URL and Node-RED's headers for it (its base URL and the editor's token, as $.ajax would send them). */
export function adminRequest(path: string): { url: string; headers: Record<string, string> } {
    const settings: JQuery.AjaxSettings = { url: path, type: "POST" };
    const headers: Record<string, string> = {};
    /* Node-RED's beforeSend only sets headers (its token) and may rewrite the URL: a recorder of those stands in for jQuery's request. */
    const recorder = { setRequestHeader: function (k: string, v: string) { headers[k] = v; } } as unknown as JQuery.jqXHR;
    if ($.ajaxSettings && typeof $.ajaxSettings.beforeSend === "function") { $.ajaxSettings.beforeSend(recorder, settings); }
    return { url: String(settings.url), headers };
}

export type LiveState = "playing" | "failed" | "ended";

/** One live stream into an <img>. */
export class LiveStream {
    /** Frames shown since open(). */
    frames = 0;
    private abort: AbortController | null = null;
    private shownUrl: string | null = null;
    /** A frame that came while the last one was still being decoded: only the newest waits. */
    private waiting: Blob | null = null;
    private decoding = false;
    private readonly img: HTMLImageElement;
    private readonly onState: (state: LiveState, reason?: string) => void;

    constructor(img: HTMLImageElement, onState: (state: LiveState, reason?: string) => void) {
        this.img = img;
        this.onState = onState;
        img.addEventListener("load", () => { this.decoding = false; this.next(); });
        img.addEventListener("error", () => { this.decoding = false; this.next(); });
    }

    get open(): boolean { return this.abort !== null; }

    /** Start the stream of camera `cameraId` with the form's `body` ({ camera: settings }). */
    start(cameraId: string, body: Record<string, unknown>): void {
        this.close();
        const abort = new AbortController();
        this.abort = abort;
        this.frames = 0;
        const request = adminRequest("axis-thermometry/camera/" + encodeURIComponent(cameraId) + "/live");
        const ours = () => this.abort === abort;
        fetch(request.url, {
            method: "POST",
            headers: { ...request.headers, "Content-Type": "application/json" },
            body: JSON.stringify(body),
            signal: abort.signal,
            cache: "no-store",
            credentials: "same-origin"
        }).then(async (res) => {
            if (res.status !== 200 || !res.body) {
                const text = await res.text().catch(() => "");
                let said: string | undefined;
                try { said = JSON.parse(text).error; } catch { said = undefined; }
                throw new Error(said || (res.status === 401 ? "sign in to Node-RED again" : "HTTP " + res.status));
            }
            const boundary = multipartBoundary(res.headers.get("content-type") || undefined);
            if (!boundary) { throw new Error("Node-RED sent no live picture"); }
            const reader = res.body.getReader();
            const parts = new MultipartJpegReader(boundary, (jpeg) => { if (ours()) { this.show(new Blob([jpeg as BlobPart], { type: "image/jpeg" })); } }, MAX_MJPEG_FRAME_BYTES);
            for (;;) {
                const { done, value } = await reader.read();
                if (done || !ours()) { break; }
                const problem = parts.push(value);
                if (problem) { throw new Error(problem); }
            }
            if (ours()) { this.abort = null; this.onState("ended"); }
        }).catch((err: Error) => {
            if (!ours()) { return; }
            this.abort = null;
            abort.abort();
            this.onState("failed", err && err.name !== "TypeError" ? err.message : "Node-RED did not answer");
        });
    }

    /** Stop: the request is aborted, so Node-RED closes the camera's stream. */
    close(): void {
        if (this.abort) { this.abort.abort(); this.abort = null; }
        this.waiting = null;
    }

    /** Free the last frame (the form is gone). */
    release(): void {
        this.close();
        if (this.shownUrl) { URL.revokeObjectURL(this.shownUrl); this.shownUrl = null; }
    }

    private show(frame: Blob): void {
        this.waiting = frame;
        if (!this.decoding) { this.next(); }
    }

    private next(): void {
        const frame = this.waiting;
        if (!frame || !this.open) { return; }
        this.waiting = null;
        this.decoding = true;
        const url = URL.createObjectURL(frame);
        const previous = this.shownUrl;
        this.shownUrl = url;
        this.img.src = url;
        if (previous) { URL.revokeObjectURL(previous); }
        this.frames++;
        if (this.frames === 1) { this.onState("playing"); }
    }
}
