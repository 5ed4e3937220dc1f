/**
 * The camera config node's own settings (host, port, timeout): one rule each,
 * read by the runtime (../shared/camera-options.ts) and checked by the form
 * (./editor.ts) with the same words. Nothing Node-only: the editor bundles it.
 */

/** Longest call deadline a camera may be given, in seconds. */
export const MAX_TIMEOUT_S = 600;

/** Why a host is unusable, or null: a bare host name, IPv4 or IPv6 address (bracketed or not); no scheme, path, port or spaces. */
export function hostProblem(value: unknown): string | null {
  const host = String(value ?? '').trim();
  if (!host) return "host is empty: enter the camera's host name or IP address";
  if (/[/\s]/.test(host) || /^[a-z][a-z0-9+.-]*:\/\//i.test(host)) return `host "${host}" must be a bare host name or IP address (no scheme, path or spaces)`;
  // A colon belongs to an IPv6 address only (a port goes in its own field).
  if (host.includes(':') && !/^\[?[0-9a-fA-F:.]+\]?$/.test(host)) return `host "${host}" must be a bare host name or IP address: put the port in the port field`;
  return null;
}

/** Why a port is unusable, or null: empty (the protocol's default), or decimal digits 1 to 65535. */
export function portProblem(value: unknown): string | null {
  if (value === undefined || value === null || String(value).trim() === '') return null;
  const text = String(value).trim();
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? null : `port must be a whole number from 1 to 65535 (decimal digits), got "${String(value)}"`;
}

/** Why a timeout is unusable, or null: empty (the client's default), or seconds more than 0 and at most 600. */
export function timeoutProblem(value: unknown): string | null {
  if (value === undefined || value === null || String(value).trim() === '') return null;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > 0 && seconds <= MAX_TIMEOUT_S ? null : `timeout must be a number of seconds from 0.1 to ${MAX_TIMEOUT_S}, got "${String(value)}"`;
}
